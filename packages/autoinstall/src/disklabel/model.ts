/** How big a partition may be. Sizes are written with a unit: `512M`, `1.5G`, `2T`. */
export type SizeRange =
  | {
      /** `*`: whatever is left. */
      kind: "rest";
    }
  | {
      /** One size: `2G`. */
      kind: "fixed";
      /** The size as written. */
      size: string;
    }
  | {
      /** `MIN-MAX` or `MIN-*`. */
      kind: "range";
      /** Smallest size (may omit the unit when `max` has one: `1-4G`). */
      min: string;
      /** Largest size, or `*` for no limit. */
      max: string;
    };

/** A line of the template. */
export interface Partition {
  /** An absolute mount point, or `swap` or `raid`. */
  mountPoint: string;
  /** Its size. */
  size: SizeRange;
  /** Share (0..100) of the space left over after every minimum. */
  percent?: number;
}

/** An autopartitioning template: partitions in the order they get letters (a, b, d, ...). */
export interface DisklabelTemplate {
  /** One entry per line. */
  partitions: Partition[];
}
