// The deploy flow of a vmd hosting host, as a small program over
// @obsdconf/hosting. Reads _deploy.conf and vms/vmN.txt, edits the host's
// vm.conf, dhcpd.conf, doas.conf and httpd.conf, writes an answer file per
// new VM, the site set and the host commands.
//
//   main.ts --conf DIR/_deploy.conf [--root DIR] [--write] [--release 7.8]
//   main.ts --conf … --root DIR --forget vm15 vm16   (answer files of installed VMs)
//   main.ts --demo [--vms N]   (the sample host, or N generated orders, in a temporary root)
//
// Without --write it is a dry run: the plan and the diffs, nothing written.
import { cp, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatDiagnostics } from "@obsdconf/core";
import { changeDiff, deploy, forgetAnswers, summary, type DeployReport } from "@obsdconf/hosting";
import { hostConf, orderText } from "./orders.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    conf: { type: "string" },
    root: { type: "string" },
    write: { type: "boolean", default: false },
    release: { type: "string" },
    forget: { type: "boolean", default: false },
    demo: { type: "boolean", default: false },
    vms: { type: "string" },
    quiet: { type: "boolean", default: false },
  },
});

const sample = fileURLToPath(new URL("sample", import.meta.url));

/** A temporary host root holding the sample (or `count` generated orders on a host that holds them). */
async function demoRoot(count: number | undefined): Promise<{ root: string; conf: string }> {
  const root = await mkdtemp(join(tmpdir(), "obsdconf-deploy-"));
  if (count === undefined) {
    await cp(sample, root, { recursive: true });
  } else {
    await mkdir(join(root, "vms"), { recursive: true });
    await mkdir(join(root, "etc"));
    await writeFile(join(root, "_deploy.conf"), hostConf(count));
    for (let n = 1; n <= count; n++) await writeFile(join(root, "vms", `vm${n}.txt`), orderText(n));
  }
  return { root, conf: join(root, "_deploy.conf") };
}

function progress(done: number, total: number): void {
  if (total < 20 || !process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\ranswer files [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total}${done === total ? "\n" : ""}`);
}

function print(report: DeployReport, diffs: boolean): void {
  if (!report.ok) {
    process.stderr.write(formatDiagnostics(report.diagnostics) + "\n");
    process.exitCode = 1;
    return;
  }
  process.stdout.write(summary(report));
  if (!diffs) return;
  for (const change of report.changes) {
    process.stdout.write(`\n# ${change.path}: ${change.descriptions.join(", ") || "rewritten"}\n`);
    process.stdout.write(changeDiff(change));
  }
  if (report.script) process.stdout.write(`\n# ${report.script.path}\n${report.script.text}`);
}

const release = values.release;
try {
  await main();
} catch (error) {
  // A failure the report could not carry (a write error, a VM --forget does not know): one line, no stack.
  process.stderr.write(`deploy: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

async function main(): Promise<void> {
  if (values.demo) {
    const count = values.vms === undefined ? undefined : Number(values.vms);
    if (count !== undefined && !(Number.isInteger(count) && count > 0)) {
      process.stderr.write(`--vms takes a number of orders, not ${values.vms}\n`);
      process.exit(2);
    }
    const { root, conf } = await demoRoot(count);
    console.log(`Deploying ${count === undefined ? "the sample host" : `${count} generated orders`} into ${root}\n`);
    const first = await deploy({ confFile: conf, root, write: true, onProgress: progress, ...(release ? { release: release as never } : {}) });
    print(first, count === undefined || !values.quiet);
    if (first.ok) {
      const again = await deploy({ confFile: conf, root, write: true, ...(release ? { release: release as never } : {}) });
      console.log(`\nSecond run with the same inputs: ${again.changes.length === 0 ? "nothing to do (idempotent)" : `${again.changes.length} changes (unexpected)`}`);
      if (again.changes.length > 0) process.exitCode = 1;
    }
  } else {
    if (!values.conf) {
      process.stderr.write("usage: main.ts --conf _deploy.conf [--root DIR] [--write] [--release R] | --forget VM… | --demo [--vms N]\n");
      process.exit(2);
    }
    if (values.forget) {
      if (positionals.length === 0) {
        process.stderr.write("--forget needs the names of the VMs whose answer files to remove\n");
        process.exit(2);
      }
      const removed = await forgetAnswers({ confFile: values.conf, vms: positionals, ...(values.root ? { root: values.root } : {}), write: values.write });
      for (const path of removed) console.log(`${values.write ? "removed" : "would remove"} ${path}`);
    } else {
      const report = await deploy({
        confFile: values.conf,
        write: values.write,
        onProgress: progress,
        ...(values.root ? { root: values.root } : {}),
        ...(release ? { release: release as never } : {}),
      });
      print(report, true);
    }
  }
}
