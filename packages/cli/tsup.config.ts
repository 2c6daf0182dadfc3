import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.config.base.js";

// The command is one bundled-by-reference ESM file with a shebang; the
// workspace packages stay imports (they are dependencies).
export default defineConfig({ ...packageBuild, entry: ["src/cli.ts"], dts: false });
