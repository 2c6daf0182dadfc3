// generate(): canonical text and the refusals, each naming its field.
// Expected texts are written by hand from doas.conf(5)'s syntax and
// parse.y's yylex (what must be quoted, what a keyword is).
import { refusedField } from "@obsdconf/core/testing";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { generate, noOptions, parse, validate, type DoasConf, type Rule } from "../src/index.js";

const permit = (user: string, extra: Partial<Rule> = {}): Rule => ({ action: "permit", options: noOptions(), identity: { user }, ...extra });

test("a rule with every field set", () => {
  const model: DoasConf = {
    rules: [
      {
        action: "permit",
        options: {
          nopass: true,
          nolog: true,
          persist: false,
          keepenv: true,
          setenv: [
            { kind: "keep", name: "A" },
            { kind: "remove", name: "B" },
            { kind: "set", name: "C", value: "d e" },
            { kind: "copy", name: "E", from: "F" },
          ],
        },
        identity: { group: "wheel" },
        target: "root",
        command: "/bin/ls",
        args: ["-l", "a b", ""],
      },
      { action: "deny", options: noOptions(), identity: { user: "bob" } },
    ],
  };
  const text = generate(model);
  assert.is(text, 'permit nopass nolog keepenv setenv { A -B "C=d e" E=$F } :wheel as root cmd /bin/ls args -l "a b" ""\ndeny bob\n');
  const doc = parse(text);
  assert.equal(doc.diagnostics, []);
  assert.equal(doc.model, model);
});

test("quoting that cannot inject: spaces, quotes, #, braces, backslashes, keywords", () => {
  const model: DoasConf = {
    rules: [
      permit("john smith", { command: 'say"hi', args: ["#not-a-comment", "{", "}", "a\\b", "cmd", "permit"] }),
      permit("cmd"),
      { action: "permit", options: noOptions(), identity: { group: "my group" }, target: "nolog" },
    ],
  };
  const text = generate(model);
  assert.is(
    text,
    'permit "john smith" cmd "say\\"hi" args "#not-a-comment" "{" "}" "a\\\\b" "cmd" "permit"\npermit "cmd"\npermit ":my group" as "nolog"\n',
  );
  assert.equal(parse(text).model, model);
});

test("refusals name their field", () => {
  const cases: Array<[unknown, string]> = [
    [{ rules: [permit("a\nb")] }, "rules[0].identity.user"],
    [{ rules: [permit("a\0b")] }, "rules[0].identity.user"],
    [{ rules: [permit(":x")] }, "rules[0].identity.user"],
    [{ rules: [permit("x", { command: "\ud800" })] }, "rules[0].command"],
    [{ rules: [permit("x", { args: ["a"] })] }, "rules[0].args"],
    [{ rules: [permit("x", { target: "a".repeat(1024) })] }, "rules[0].target"],
    [{ rules: [{ ...permit("x"), action: "deny", options: { ...noOptions(), nopass: true } }] }, "rules[0].options.nopass"],
    [{ rules: [{ ...permit("x"), options: { ...noOptions(), nopass: true, persist: true } }] }, "rules[0].options.persist"],
    [{ rules: [{ ...permit("x"), options: { ...noOptions(), setenv: [{ kind: "set", name: "A", value: "$B" }] } }] }, "rules[0].options.setenv[0].value"],
    [{ rules: [{ ...permit("x"), options: { ...noOptions(), setenv: [{ kind: "keep", name: "-A" }] } }] }, "rules[0].options.setenv[0].name"],
    [{ rules: [{ ...permit("x"), options: { ...noOptions(), setenv: [{ kind: "keep", name: "A=B" }] } }] }, "rules[0].options.setenv[0].name"],
    [{ rules: [{ ...permit("x"), extra: 1 }] }, "rules[0].extra"],
    [{ rules: [{ ...permit("x"), action: "allow" }] }, "rules[0].action"],
    [{ rules: [{ ...permit("x"), identity: { user: "a", group: "b" } }] }, "rules[0].identity"],
    [{ rules: "x" }, "rules"],
  ];
  for (const [model, field] of cases) assert.is(refusedField(() => generate(model as DoasConf)), field, JSON.stringify(model));
});

test("nolog needs 6.6", () => {
  const model: DoasConf = { rules: [{ ...permit("x"), options: { ...noOptions(), nolog: true } }] };
  assert.is(refusedField(() => generate(model, { release: "6.5" })), "rules[0].options.nolog");
  assert.is(generate(model, { release: "6.6" }), "permit nolog x\n");
});

test("validate: doas's checks at model paths", () => {
  const model: DoasConf = {
    rules: [
      { ...permit("x"), options: { ...noOptions(), nopass: true, persist: true } },
      { ...permit("y"), action: "deny", options: { ...noOptions(), keepenv: true } },
      permit("z", { args: [] }),
      permit("w", { command: "reboot" }),
      { ...permit("v"), options: { ...noOptions(), nolog: true } },
      permit("u\nv"),
    ],
  };
  assert.equal(
    validate(model, { release: "6.5" }).map((d) => [d.severity, d.code, d.path]),
    [
      ["error", "NOPASS_WITH_PERSIST", "rules[0].options"],
      ["error", "DENY_WITH_OPTIONS", "rules[1].options.keepenv"],
      ["error", "ARGS_WITHOUT_COMMAND", "rules[2].args"],
      ["warning", "RELATIVE_COMMAND", "rules[3].command"],
      ["error", "NOLOG_UNSUPPORTED", "rules[4].options.nolog"],
      ["error", "UNWRITABLE_VALUE", "rules[5].identity.user"],
    ],
  );
  assert.is(validate(model)[0]!.message, "can't combine nopass and persist");
  assert.equal(
    validate({ rules: [permit("u\nv")] }).map((d) => [d.code, d.path]),
    [["UNWRITABLE_VALUE", "rules[0].identity.user"]],
  );
  assert.equal(validate({ rules: [permit("x", { command: "/bin/ls" })] }), []);
});

test.run();
