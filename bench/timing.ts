// Timing helpers shared by the benchmarks.

/** The fastest of `runs` calls of `fn`, in milliseconds. */
export function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

/**
 * Bundles `entry` into one ESM script `<outDir>/<name>.mjs`, as an installed
 * command would run: every module inlined (read from sources) except the
 * `external` packages, which node then resolves from `outDir`.
 */
export async function bundleScript(entry: string, outDir: string, name: string, external: string[] = []): Promise<string> {
  const { build } = (await import("tsup")) as { build: (options: Record<string, unknown>) => Promise<void> };
  const escaped = external.map((e) => e.replace(/[/\\^$.*+?()[\]{}|]/g, "\\$&"));
  await build({
    entry: { [name]: entry },
    outDir,
    format: ["esm"],
    platform: "node",
    target: "node20",
    noExternal: [external.length ? new RegExp(`^(?!(${escaped.join("|")})(/|$))`) : /.*/],
    external,
    silent: true,
    config: false,
    dts: false,
    splitting: false,
    sourcemap: false,
    clean: false,
    outExtension: () => ({ js: ".mjs" }),
    // Bundled CommonJS code calls require: give it node's.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    esbuildOptions(options: { conditions?: string[] }) {
      options.conditions = ["source"];
    },
  });
  return `${outDir}/${name}.mjs`;
}
