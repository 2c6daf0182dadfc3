// Writes dist/schemas/<format>.json: the JSON Schema of each format's model,
// generated from its TypeScript type by ts-json-schema-generator, so the
// schema cannot drift from the type. Run after tsup (which empties dist).
import { mkdirSync, writeFileSync } from "node:fs";
import { createGenerator } from "ts-json-schema-generator";

const packages = new URL("../../", import.meta.url).pathname;
const out = new URL("../dist/schemas/", import.meta.url).pathname;

// Format name (as `obsdconf schema` takes it) -> the file and type of its model.
const MODELS = {
  "vm.conf": ["vmconf/src/model.ts", "VmConf"],
  "httpd.conf": ["httpdconf/src/model.ts", "HttpdConf"],
  "dhcpd.conf": ["dhcpdconf/src/model.ts", "DhcpdConf"],
  "doas.conf": ["doasconf/src/model.ts", "DoasConf"],
  "install.conf": ["autoinstall/src/model.ts", "InstallConf"],
  disklabel: ["autoinstall/src/disklabel/model.ts", "DisklabelTemplate"],
  "sysctl.conf": ["sitetgz/src/sysctl-conf/format.ts", "SysctlConf"],
  "rc.conf.local": ["sitetgz/src/rc-conf-local/format.ts", "RcConfLocal"],
  installurl: ["sitetgz/src/installurl/format.ts", "InstallUrl"],
};

mkdirSync(out, { recursive: true });
for (const [format, [file, type]] of Object.entries(MODELS)) {
  const schema = createGenerator({
    path: packages + file,
    type,
    tsconfig: packages + "../tsconfig.json",
    skipTypeCheck: true,
    additionalProperties: false,
    expose: "export",
    jsDoc: "extended",
  }).createSchema(type);
  schema.$id = `https://obsdconf.invalid/schemas/${format}.json`;
  schema.title = `${format} model`;
  writeFileSync(`${out}${format}.json`, JSON.stringify(schema, null, 2) + "\n");
}
console.log(`schemas: ${Object.keys(MODELS).length} written to dist/schemas`);
