// Address arithmetic for the deploy settings: IPv4 as 32-bit numbers, IPv6 as
// 128-bit BigInts, and the numbering scheme that pairs a VM's IPv6 address
// with its IPv4 address.
import { formatIPv6, parseIPv4, parseIPv6, parsePrefix, prefixHostBitsZero } from "@obsdconf/core";

/** An IPv4 address as an unsigned 32-bit number, or undefined when the text is not one. */
export function ipv4Number(text: string): number | undefined {
  const o = parseIPv4(text);
  return o && ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
}

/** Dotted-quad text of an unsigned 32-bit number. */
export function ipv4Text(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/** The prefix length of a contiguous netmask (`255.255.254.0` → 23), or undefined for a non-contiguous one. */
export function maskLength(mask: number): number | undefined {
  const inverted = ~mask >>> 0;
  // A contiguous mask's inverse is 2^k - 1.
  if ((inverted & (inverted + 1)) !== 0) return undefined;
  return 32 - Math.log2(inverted + 1);
}

/** An IPv6 address as a 128-bit number, or undefined when the text is not one. */
export function ipv6Number(text: string): bigint | undefined {
  const groups = parseIPv6(text);
  return groups && groups.reduce((n, g) => (n << 16n) | BigInt(g), 0n);
}

/** Canonical (RFC 5952) text of a 128-bit number. */
export function ipv6Text(n: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((n >> BigInt(i * 16)) & 0xffffn));
  return formatIPv6(groups);
}

/** At most this many groups hold a VM number (12 decimal digits, well inside JavaScript's safe integers). */
export const MAX_NUMBER_GROUPS = 3;

/** An IPv6 prefix as the deploy settings take it. */
export interface IPv6Base {
  /** The prefix's bits, host bits zero. */
  base: bigint;
  /** Prefix length in bits. */
  length: number;
  /** Whole 16-bit groups below the prefix where VM numbers are written (at most 3: numbers up to 12 digits). */
  hostGroups: number;
}

/**
 * Reads IPV6_PREFIX: either leading groups without `::` (`2001:db8:8:1`, a
 * prefix of 16 bits per group, as the original deploy script wrote it) or an
 * address with a length (`2001:db8:8:1::/64`, host bits zero). Returns why
 * not when it is neither, or when it leaves no whole 16-bit group for VM numbers.
 */
export function parseIPv6Base(text: string): IPv6Base | string {
  let base: bigint;
  let length: number;
  if (/^[0-9A-Fa-f]{1,4}(:[0-9A-Fa-f]{1,4}){0,6}$/.test(text)) {
    const groups = text.split(":").map((g) => parseInt(g, 16));
    length = groups.length * 16;
    base = groups.reduce((n, g) => (n << 16n) | BigInt(g), 0n) << BigInt(128 - length);
  } else {
    const prefix = text.includes("/") ? parsePrefix(text) : undefined;
    if (!prefix || prefix.family !== 6) return "not an IPv6 prefix: write leading groups (2001:db8:8:1) or address/length (2001:db8:8:1::/64)";
    if (!prefixHostBitsZero(prefix)) return `${text} has bits set past /${prefix.length}`;
    length = prefix.length;
    base = ipv6Number(prefix.address)!;
  }
  const hostGroups = Math.min(MAX_NUMBER_GROUPS, Math.floor((128 - length) / 16));
  if (hostGroups < 1) return `/${length} leaves no whole 16-bit group for VM numbers (use /112 or shorter)`;
  return { base, length, hostGroups };
}

/** The largest VM number an IPv6 base can hold: 4 decimal digits per host group. */
export function maxIPv6Number(base: IPv6Base): number {
  return 10 ** (4 * base.hostGroups) - 1;
}

/**
 * The IPv6 address of VM number `n` (a whole number ≥ 0): the prefix, then
 * the decimal digits of `n` written as the last groups of the address, four
 * digits per group from the right, so that number 10 is `…::10` and number
 * 12345 is `…::1:2345`. Readers see the same digits as in the IPv4 address's
 * last octet when IPV6_START and IP_START agree. Undefined when `n` has more
 * digits than the host groups hold.
 */
export function ipv6ForNumber(base: IPv6Base, n: number): string | undefined {
  if (!Number.isSafeInteger(n) || n < 0 || n > maxIPv6Number(base)) return undefined;
  let low = 0n;
  let digits = String(n);
  let shift = 0n;
  while (digits !== "") {
    low |= BigInt(parseInt(digits.slice(-4), 16)) << shift;
    digits = digits.slice(0, -4);
    shift += 16n;
  }
  return ipv6Text(base.base | low);
}
