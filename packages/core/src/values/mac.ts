/**
 * Parses an Ethernet address the way ether_aton(3) reads it: six groups of one
 * or two hex digits separated by colons. Returns the canonical form (lower
 * case, two digits per group) or undefined.
 */
export function parseMac(text: string): string | undefined {
  if (CANONICAL_MAC.test(text)) return text;
  const parts = text.split(":");
  if (parts.length !== 6) return undefined;
  const out: string[] = [];
  for (const part of parts) {
    if (!/^[0-9A-Fa-f]{1,2}$/.test(part)) return undefined;
    out.push(part.toLowerCase().padStart(2, "0"));
  }
  return out.join(":");
}

const CANONICAL_MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;

/** Canonical text of six octets. */
export function formatMac(octets: readonly number[]): string {
  if (octets.length !== 6 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) {
    throw new RangeError(`not six octets: ${octets.join(",")}`);
  }
  return octets.map((o) => o.toString(16).padStart(2, "0")).join(":");
}
