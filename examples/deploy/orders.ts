// Customer orders for trying the deploy at scale: `count` orders vm1…vmN,
// each with its own user and ssh key, written as vms/vmN.txt files.
import { createHash } from "node:crypto";

/** An ssh-ed25519 public key line whose 32 key bytes come from `seed` (not a usable key, a well-formed one). */
export function sampleSshKey(seed: string, comment: string): string {
  const type = Buffer.from("ssh-ed25519");
  const key = createHash("sha256").update(seed).digest();
  const length = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  return `ssh-ed25519 ${Buffer.concat([length(type.length), type, length(key.length), key]).toString("base64")} ${comment}`;
}

/** The text of order number `n`. */
export function orderText(n: number): string {
  const user = `cust${n}`;
  return [
    `date="2026-11-27"`,
    `payment="2026-11-27"`,
    `donated=""`,
    `name="Customer ${n}"`,
    `email="${user}@example.org"`,
    `sshkey="${sampleSshKey(`order ${n}`, `${user}@home`)}"`,
    `hostname="host${n}"`,
    `username="${user}"`,
    `note=""`,
    `memory="${n % 3 === 0 ? "2G" : ""}"`,
    `disk2="${n % 10 === 0 ? "20G" : ""}"`,
    `format=""`,
    `referral=""`,
    "",
  ].join("\n");
}

/** A _deploy.conf whose subnet holds `count` VMs (a /20 from 10.20.0.0, VMs from 10.20.0.10). */
export function hostConf(count: number): string {
  if (count > 4000) throw new RangeError("the generated host holds at most 4000 VMs");
  return `# a hosting host for ${count} generated orders
SERVER="server9"
DOMAIN="hosting.example"
IP_PREFIX="10.20"
IP_START="0.10"
SUBNET="10.20.0.0"
NETMASK="255.255.240.0"
ROUTER="10.20.0.1"
DNS="10.20.0.1"
IPV6_PREFIX="2001:db8:9:1"
IPV6_START="10"
MAC_PREFIX="fe:e1:bb:d2:00"
VMS="vms"
ETC="/etc"
IMAGES="/var/vmm"
HTDOCS="/var/www/htdocs"
MEMORY="1G"
DISKSIZE="50G"
FORMAT="qcow2"
VMDUSERS="_vmdusers"
SWITCH="uplink"
INTERFACE="veb0"
`;
}
