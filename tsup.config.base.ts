// Build settings every package shares: ESM for Node 20 with .d.ts.
import type { Options } from "tsup";

export const packageBuild: Options = {
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  target: "node20",
};
