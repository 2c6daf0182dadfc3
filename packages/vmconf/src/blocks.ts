// The `vm` and `switch` statements of a parsed document. A parse builds their
// model directly; their option nodes are read again from the tokens when
// something asks for them (update asks for the blocks it changes), so a
// large file does not hold a node per option.

import { TokenCode, type ParseyTokens } from "@obsdconf/core";
import type { Switch, Vm } from "./model.js";
import type { Span, SwitchOptionNode, VmOptionNode } from "./syntax.js";

/** What a block needs to read its options again: shared by the blocks of one parse. */
export interface BlockSource {
  readonly tokens: ParseyTokens;
  /** The option nodes of the block whose keyword is token `first`. */
  readOptions(kind: "vm" | "switch", first: number): VmOptionNode[] | SwitchOptionNode[];
}

abstract class Block<M, O> implements Span {
  lineEnd = 0;
  readonly #source: BlockSource;
  readonly #first: number;
  readonly #open: number;
  readonly #close: number;
  readonly #model: M;
  #options: O[] | undefined;

  /** `first`, `open` and `close` are token indexes: the keyword and the braces. */
  constructor(source: BlockSource, first: number, open: number, close: number, model: M, options: O[] | undefined) {
    this.#source = source;
    this.#first = first;
    this.#open = open;
    this.#close = close;
    this.#model = model;
    this.#options = options;
  }

  /** Offset of the block's keyword. */
  get start(): number {
    return this.#source.tokens.starts[this.#first]!;
  }

  /** Offset just past the `}`. */
  get end(): number {
    return this.#source.tokens.ends[this.#close]!;
  }

  /** End of the last header token (the one before `{`). */
  get headerEnd(): number {
    return this.#source.tokens.ends[this.#open - 1]!;
  }

  /** Start of the first option (after the `{` and the newlines that may follow it). */
  get firstOptionStart(): number {
    const t = this.#source.tokens;
    return t.starts[t.codes[this.#open + 1] === TokenCode.Newline ? this.#open + 2 : this.#open + 1]!;
  }

  protected abstract get blockKind(): "vm" | "switch";

  /** The `{`. */
  get open(): Span {
    return { start: this.#source.tokens.starts[this.#open]!, end: this.#source.tokens.ends[this.#open]! };
  }

  /** The `}`. */
  get close(): Span {
    return { start: this.#source.tokens.starts[this.#close]!, end: this.#source.tokens.ends[this.#close]! };
  }

  /** Options in file order (read from the tokens on first use). */
  get options(): O[] {
    return (this.#options ??= this.#source.readOptions(this.blockKind, this.#first) as O[]);
  }

  /** The part of the model this block holds. */
  static modelOf<M>(block: Block<M, unknown>): M {
    return block.#model;
  }
}

/** `vm name { ... }` or `vm parent instance name { ... }`. */
export class VmBlock extends Block<Vm, VmOptionNode> {
  readonly kind = "vm";
  readonly name: string;
  readonly instanceOf: string | undefined;

  constructor(source: BlockSource, first: number, open: number, close: number, model: Vm, options: VmOptionNode[] | undefined) {
    super(source, first, open, close, model, options);
    this.name = model.name;
    this.instanceOf = model.instanceOf;
  }

  protected get blockKind(): "vm" {
    return "vm";
  }
}

/** `switch name { ... }`. */
export class SwitchBlock extends Block<Switch, SwitchOptionNode> {
  readonly kind = "switch";
  readonly name: string;

  constructor(source: BlockSource, first: number, open: number, close: number, model: Switch, options: SwitchOptionNode[] | undefined) {
    super(source, first, open, close, model, options);
    this.name = model.name;
  }

  protected get blockKind(): "switch" {
    return "switch";
  }
}

/** The vm the parse built for this block. */
export const vmOfBlock = (block: VmBlock): Vm => Block.modelOf(block);

/** The switch the parse built for this block. */
export const switchOfBlock = (block: SwitchBlock): Switch => Block.modelOf(block);
