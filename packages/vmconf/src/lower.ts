import { switchOfBlock, vmOfBlock, type SwitchBlock, type VmBlock } from "./blocks.js";
import type { VmConf } from "./model.js";
import type { Statement } from "./syntax.js";

/**
 * Builds the model from statements. The grammar's actions built each block's
 * vm or switch (where vmd keeps the first of a repeated option — boot, cdrom,
 * memory, interfaces — so does the model; where the last one wins —
 * enable/disable, owner, up/down — so does the model); the globals are
 * applied here, the last one winning. The model and the syntax share objects:
 * update never changes either in place (it works on a copy-on-write draft).
 */
export function lowerStatements(statements: readonly Statement[]): VmConf {
  const model: VmConf = { macros: [], includes: [], switches: [], vms: [] };
  for (const s of statements) {
    switch (s.kind) {
      case "macro":
        model.macros.push({ name: s.name, value: s.value });
        break;
      case "include":
        model.includes.push(s.path);
        break;
      case "local-prefix":
        model.localPrefix = s.prefix;
        break;
      case "local-inet6":
        model.localInet6 = s.prefix !== undefined ? { prefix: s.prefix } : (model.localInet6 ?? {});
        break;
      case "socket-owner":
        model.socketOwner = { ...s.owner };
        break;
      case "agentx": {
        const agentx = model.agentx ?? {};
        if (s.context !== undefined) agentx.context = s.context;
        if (s.path !== undefined) agentx.path = s.path;
        model.agentx = agentx;
        break;
      }
      case "staggered-start":
        model.staggeredStart = { parallel: s.parallel, delay: s.delay };
        break;
      case "switch":
        model.switches.push(switchOfBlock(s as SwitchBlock));
        break;
      case "vm":
        model.vms.push(vmOfBlock(s as VmBlock));
        break;
      case "error":
        break;
    }
  }
  return model;
}

