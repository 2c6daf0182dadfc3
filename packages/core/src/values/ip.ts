/** Options of {@link parseIPv4} and {@link parseIPv6}. */
export interface AddressOptions {
  /**
   * Accept decimal octets with leading zeros (`010.1.1.1`), as getaddrinfo(3)
   * with AI_NUMERICHOST does on OpenBSD; inet_pton(3), the default, does not.
   */
  leadingZeros?: boolean;
}

/** Parses dotted-quad IPv4 as inet_pton(3) does (no leading zeros unless allowed); returns the 4 octets. */
export function parseIPv4(text: string, options: AddressOptions = {}): number[] | undefined {
  // One pass over the characters: this runs for every address of large files.
  const out: number[] = [];
  let value = 0;
  let digits = 0;
  let leadingZero = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255 || (leadingZero && digits > 1 && !options.leadingZeros)) return undefined;
      out.push(value);
      if (out.length > 4) return undefined;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 0) leadingZero = c === 48;
      if (++digits > 3) return undefined;
      value = value * 10 + (c - 48);
    } else {
      return undefined;
    }
  }
  return out.length === 4 ? out : undefined;
}

/** True for a dotted-quad IPv4 address. */
export function isIPv4(text: string): boolean {
  return parseIPv4(text) !== undefined;
}

/** Parses an IPv6 address (RFC 4291 text forms, with an optional trailing dotted quad); returns 8 groups. */
export function parseIPv6(text: string, options: AddressOptions = {}): number[] | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return undefined;
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parseSide = (side: string, allowV4: boolean): number[] | undefined => {
    if (side === "") return [];
    const groups = side.split(":");
    const out: number[] = [];
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (allowV4 && i === groups.length - 1 && g.includes(".")) {
        const v4 = parseIPv4(g, options);
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
        out.push(parseInt(g, 16));
      }
    }
    return out;
  };
  if (halves.length === 1) {
    const all = parseSide(halves[0]!, true);
    return all && all.length === 8 ? all : undefined;
  }
  const head = parseSide(halves[0]!, false);
  const tail = parseSide(halves[1]!, true);
  if (!head || !tail || head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** True for an IPv6 address. */
export function isIPv6(text: string): boolean {
  return parseIPv6(text) !== undefined;
}

/** Canonical RFC 5952 text of 8 groups: lower case, no leading zeros, the longest run of 2+ zero groups as `::`. */
export function formatIPv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/** Canonical compressed form of an IPv6 address, or undefined when it is not one. */
export function canonicalIPv6(text: string): string | undefined {
  const groups = parseIPv6(text);
  return groups && formatIPv6(groups);
}

/** An address with a prefix length, as `10.0.0.0/8` or `fd00::/64`. */
export interface Prefix {
  /** IPv4 or IPv6. */
  family: 4 | 6;
  /** The address in canonical text. */
  address: string;
  /** Prefix length in bits. */
  length: number;
}

/** Parses `address/length`; without `/length` the full length is assumed. */
export function parsePrefix(text: string): Prefix | undefined {
  const slash = text.lastIndexOf("/");
  const address = slash < 0 ? text : text.slice(0, slash);
  const lengthText = slash < 0 ? undefined : text.slice(slash + 1);
  if (lengthText !== undefined && !/^(0|[1-9][0-9]{0,2})$/.test(lengthText)) return undefined;
  const v4 = parseIPv4(address);
  if (v4) {
    const length = lengthText === undefined ? 32 : Number(lengthText);
    return length <= 32 ? { family: 4, address: v4.join("."), length } : undefined;
  }
  const v6 = parseIPv6(address);
  if (v6) {
    const length = lengthText === undefined ? 128 : Number(lengthText);
    return length <= 128 ? { family: 6, address: formatIPv6(v6), length } : undefined;
  }
  return undefined;
}

/** Text of a prefix: `address/length`. */
export function formatPrefix(prefix: Prefix): string {
  return `${prefix.address}/${prefix.length}`;
}

/** True when the bits of the address past the prefix length are all zero. */
export function prefixHostBitsZero(prefix: Prefix): boolean {
  const bytes =
    prefix.family === 4
      ? parseIPv4(prefix.address)!
      : parseIPv6(prefix.address)!.flatMap((g) => [g >> 8, g & 0xff]);
  for (let bit = prefix.length; bit < bytes.length * 8; bit++) {
    if ((bytes[bit >> 3]! >> (7 - (bit & 7))) & 1) return false;
  }
  return true;
}
