// Runs every ```ts block of docs/*.md and README.md as a program, the way a
// reader would: saved in a package that depends on every workspace package
// (examples/edit-vmconf/.doc-blocks/), type-checked with the repository's
// compiler options, and run with `node --conditions=source --import tsx`.
// A block passes when it type-checks and exits 0.
//
// Blocks read and write system files (/etc/vm.conf, /var/www/htdocs/...).
// Each block runs against a fresh fake root: a copy of docs/test/root/ in a
// temporary directory (`{{root}}` inside those files becomes its path), and
// every string literal in the block that starts with /etc/, /var/, /root/ or
// /home/ is made to point into it. The real system is never read or written.
// See docs/README.md, "Code blocks are tested".
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const fixtureRoot = fileURLToPath(new URL("./root/", import.meta.url));
const blockDir = join(repo, "examples/edit-vmconf/.doc-blocks");
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin/tsc");
// The one guide allowed to show excerpts of package source that cannot run alone.
const EXCERPTS_ALLOWED = "docs/adding-a-format.md";

/** One ```ts block: where it is and its text. */
export interface CodeBlock {
  /** Markdown file, relative to the repository. */
  file: string;
  /** Line of the opening fence (1-based). */
  line: number;
  /** The code between the fences. */
  code: string;
  /** Fenced as ```ts excerpt: a piece of a package's source, shown, not run. */
  excerpt: boolean;
}

/** The ```ts (or ```typescript) blocks of a Markdown text, with the line of each opening fence. */
export function codeBlocks(file: string, markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  // A closing fence: only backticks (at least as many as the opening) and blanks.
  const closes = (line: string, fence: string): boolean => /^`+\s*$/.test(line) && line.trim().length >= fence.length;
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})\s*(?:ts|typescript)(\s+excerpt)?\s*$/.exec(lines[i]!);
    if (!open) {
      // Skip other fenced blocks whole, so a ```ts inside them is not taken.
      const other = /^(`{3,})/.exec(lines[i]!);
      if (other) while (++i < lines.length && !closes(lines[i]!, other[1]!));
      continue;
    }
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && !closes(lines[i]!, open[1]!)) body.push(lines[i]!);
    if (i >= lines.length) throw new Error(`${file}:${start + 1}: code block never closed`);
    blocks.push({ file, line: start + 1, code: body.join("\n") + "\n", excerpt: open[2] !== undefined });
  }
  return blocks;
}

/** `code` with every string or template literal that starts with a system directory moved under `root`. */
export function underFakeRoot(code: string, root: string): string {
  return code.replace(/(["'`])\/(etc|var|root|home)(?=\/)/g, (_m, quote: string, dir: string) => `${quote}${root}/${dir}`);
}

/** A fresh copy of docs/test/root, with `{{root}}` in its files replaced by the copy's path. */
function fakeRoot(): string {
  const root = mkdtempSync(join(tmpdir(), "obsdconf-doc-root-"));
  cpSync(fixtureRoot, root, { recursive: true });
  const fill = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) fill(path);
      else writeFileSync(path, readFileSync(path, "utf8").replaceAll("{{root}}", root));
    }
  };
  fill(root);
  return root;
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

function run(args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: repo,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      timeout: 120_000,
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (error) => (output += `\n${error.message}\n`));
    child.on("close", (code, signal) => resolve({ code, signal, output }));
  });
}

const sources = [
  "README.md",
  ...readdirSync(join(repo, "docs"))
    .filter((n) => n.endsWith(".md"))
    .sort()
    .map((n) => `docs/${n}`),
];
const all = sources.flatMap((file) => codeBlocks(file, readFileSync(join(repo, file), "utf8")));
const blocks = all.filter((b) => !b.excerpt);
const fileOf = (block: CodeBlock): string => `${block.file.replace(/[^A-Za-z0-9]+/g, "-")}-${block.line}.ts`;
const outcomes = new Map<CodeBlock, Promise<Outcome>>();
let typeCheck: Promise<Outcome> | undefined;
const roots: string[] = [];

test("the extractor finds blocks and their lines", () => {
  const md = "# t\n\n```sh\n```ts\n```\n\n```ts\nconsole.log(1);\n```\n````md\n```ts\nx\n```\n````\n```ts excerpt\ny\n```\n";
  assert.equal(codeBlocks("t.md", md), [
    { file: "t.md", line: 7, code: "console.log(1);\n", excerpt: false },
    { file: "t.md", line: 15, code: "y\n", excerpt: true },
  ]);
  assert.ok(blocks.length >= sources.length, `only ${blocks.length} blocks in ${sources.join(", ")}`);
});

test("system paths in literals move under the fake root, others stay", () => {
  const code = `read("/etc/vm.conf"); write(\`/var/www/htdocs/\${x}\`); '/root/a'; "/htdocs/pub"; "/etcetera"`;
  assert.is(
    underFakeRoot(code, "/tmp/r"),
    `read("/tmp/r/etc/vm.conf"); write(\`/tmp/r/var/www/htdocs/\${x}\`); '/tmp/r/root/a'; "/htdocs/pub"; "/etcetera"`,
  );
});

test(`excerpts (\`\`\`ts excerpt) only in ${EXCERPTS_ALLOWED}`, () => {
  const misplaced = all.filter((b) => b.excerpt && b.file !== EXCERPTS_ALLOWED).map((b) => `${b.file}:${b.line}`);
  assert.equal(misplaced, [], `guides must show programs that run: ${misplaced.join(", ")}`);
});

test.before(() => {
  rmSync(blockDir, { recursive: true, force: true });
  mkdirSync(blockDir, { recursive: true });
  writeFileSync(join(blockDir, ".gitignore"), "# written and removed by docs/test/code-blocks.test.ts\n*\n");
  writeFileSync(
    join(blockDir, "tsconfig.json"),
    JSON.stringify({ extends: "../../../tsconfig.base.json", compilerOptions: { noEmit: true }, include: ["*.ts"] }),
  );
  for (const block of blocks) {
    const root = fakeRoot();
    roots.push(root);
    // Line 1 names the block, so line n of the file is line (fence + n - 1) of the guide.
    writeFileSync(join(blockDir, fileOf(block)), `// ${block.file}:${block.line}\n${underFakeRoot(block.code, root)}`);
  }
  typeCheck = run([tsc, "-p", join(blockDir, "tsconfig.json"), "--pretty", "false"]);
  // Two runs at a time besides the type check.
  const queue: Array<() => void> = [];
  let running = 0;
  const acquire = (): Promise<void> => (running < 2 ? (running++, Promise.resolve()) : new Promise((r) => queue.push(r)));
  const release = (): void => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };
  for (const block of blocks) {
    const path = join(blockDir, fileOf(block));
    outcomes.set(block, acquire().then(() => run(["--conditions=source", "--import", "tsx", path]).finally(release)));
  }
});

test.after(async () => {
  await Promise.all([typeCheck, ...outcomes.values()]);
  rmSync(blockDir, { recursive: true, force: true });
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

for (const block of blocks) {
  test(`${block.file}:${block.line} runs`, async () => {
    const { code, signal, output } = await outcomes.get(block)!;
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    assert.is(code, 0, `${block.file}:${block.line}: the code block ${how}\n${output.trim().split("\n").slice(-15).join("\n")}`);
  });
}

test("every block type-checks", async () => {
  const { code, output } = await typeCheck!;
  // tsc reports `name.ts(line,col): error TS...`; give the guide's file and line instead.
  const byFile = new Map(blocks.map((b) => [fileOf(b), b]));
  const errors = output
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const m = /^(?:.*\/)?([^/(]+\.ts)\((\d+),(\d+)\): (.*)$/.exec(l);
      const block = m && byFile.get(m[1]!);
      return block ? `${block.file}:${block.line + Number(m![2]) - 1}:${m![3]}: ${m![4]}` : l;
    });
  assert.equal(errors, [], `type errors in code blocks:\n${errors.join("\n")}`);
  assert.is(code, 0);
});

test.run();
