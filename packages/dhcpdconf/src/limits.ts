// OpenBSD dhcpd's limits, as named constants (conflex.c, parse.c,
// confpars.c, dhcp.h; see research/dhcpdconf.md sections 1, 4, 5, 6 and 8).

/** Largest lease time: parse_lease_time reads it with strtonum(0, UINT32_MAX). */
export const LEASE_TIME_MAX = 4294967295;

/** Most characters of a quoted string: the lexer's 1500-byte buffer less the NUL and one spare (section 8.1). */
export const STRING_MAX = 1498;

/** Most characters of an atom (name or number) before `token larger than internal buffer`. */
export const TOKEN_MAX = 1499;

/** Octets of an ethernet address: the parser reads exactly this many. */
export const ETHERNET_OCTETS = 6;

/** Most octets of any hardware address (the `haddr` buffer): `hardware address too long` past it. */
export const HARDWARE_ADDRESS_MAX = 16;

/** Most characters of a glued `dynamic-bootp-lease-cutoff` date (a 26-byte buffer, NUL included). */
export const DATE_MAX = 25;

/** Largest prefix length of a classless-route destination (parse_cidr). */
export const CIDR_LENGTH_MAX = 32;

/** Largest octet of a dotted quad or a classless-route destination. */
export const OCTET_MAX = 255;

/** Longest label of a `domain-search` name: dn_comp refuses longer ones. */
export const DOMAIN_LABEL_MAX = 63;

/** Longest encoded `domain-search` name, length bytes and root included (MAXCDNAME). */
export const DOMAIN_NAME_MAX = 255;

/** Size of the reply's file buffer (DHCP_FILE_LEN); dhcpd copies `filename` into it with strlcpy. */
export const DHCP_FILE_LEN = 128;

/**
 * What convert_num accepts without its `value N exceeds max (M) for
 * precision.` log line, by integer width in bits: a negative value up to
 * 2^(bits-1), a positive one up to 2^bits - 1, whatever the option's
 * signedness. For 32 bits the check never fires in dhcpd (the computed
 * maximum overflows), so these bounds are the width's own.
 */
export const CONVERT_NUM_MAX: Readonly<Record<8 | 16 | 32, { negative: number; positive: number }>> = {
  8: { negative: 128, positive: 255 },
  16: { negative: 32768, positive: 65535 },
  32: { negative: 2147483648, positive: 4294967295 },
};

/** Integer option formats: width in bits and whether the option's value is signed (tables.c format letters). */
export const INTEGER_FORMATS: Readonly<Record<"l" | "L" | "s" | "S" | "b" | "B", { bits: 8 | 16 | 32; signed: boolean }>> = {
  l: { bits: 32, signed: true },
  L: { bits: 32, signed: false },
  s: { bits: 16, signed: true },
  S: { bits: 16, signed: false },
  b: { bits: 8, signed: true },
  B: { bits: 8, signed: false },
};
