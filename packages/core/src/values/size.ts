const UNITS = "BKMGTPE";

/** Result of {@link scanScaled}: bytes, or the errno text scan_scaled(3) would set. */
export type ScaledResult =
  | {
      /** The size was read. */
      ok: true;
      /** The size in bytes. */
      bytes: number;
    }
  | {
      /** The size was refused. */
      ok: false;
      /** strerror(3) of the errno scan_scaled sets. */
      error: "Invalid argument" | "Result too large";
    };

const MAX_BYTES = 2 ** 63 - 1;

/**
 * Reads a size as scan_scaled(3): a decimal number with an optional fraction
 * and an optional unit B, K, M, G, T, P or E (powers of 1024, any case), e.g.
 * `512M`, `1.5G`, `1048576`.
 */
export function scanScaled(text: string): ScaledResult {
  // Common case without a regular expression: digits and one unit letter.
  const last = text.length - 1;
  if (last >= 1 && last <= 9) {
    let n = 0;
    let i = 0;
    for (; i < last; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
    }
    const unit = i === last ? "BKMG".indexOf(text[last]!) : -1;
    if (unit >= 0) return { ok: true, bytes: n * 1024 ** unit };
  }
  const match = /^[ \t]*([+-]?)([0-9]*)(?:\.([0-9]*))?([BKMGTPEbkmgtpe]?)$/.exec(text);
  if (!match || (match[2] === "" && !match[3])) return { ok: false, error: "Invalid argument" };
  const sign = match[1] === "-" ? -1 : 1;
  const unit = match[4] ? UNITS.indexOf(match[4].toUpperCase()) : 0;
  if (match[3] && !match[4]) return { ok: false, error: "Invalid argument" };
  const scale = 1024 ** unit;
  const whole = Number(match[2] || "0") * scale;
  const fraction = match[3] ? Math.floor(Number(`0.${match[3]}`) * scale) : 0;
  const bytes = whole + fraction;
  if (!Number.isFinite(bytes) || bytes > MAX_BYTES) return { ok: false, error: "Result too large" };
  return { ok: true, bytes: sign * bytes };
}

/**
 * Formats bytes the way fmt_scaled(3) does for whole multiples: the largest
 * unit that divides the value exactly (`1G`, `1536M`), else bytes with `B`.
 */
export function formatSize(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`not a size: ${bytes}`);
  for (let unit = UNITS.length - 1; unit > 0; unit--) {
    const scale = 1024 ** unit;
    if (bytes >= scale && bytes % scale === 0) return `${bytes / scale}${UNITS[unit]}`;
  }
  return `${bytes}B`;
}
