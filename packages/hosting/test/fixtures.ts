// Shared inputs of the tests: a _deploy.conf like DESIGN.md's (documentation
// addresses: RFC 5737 IPv4, RFC 3849 IPv6) and an ssh key made by ssh-keygen.

/** A clean _deploy.conf. */
export const SAMPLE = `# server8: VMs on the uplink VLAN
SERVER="server8"
DOMAIN="example.org"
IP_PREFIX="192.0.2"
IP_START="10"
IPV6_PREFIX="2001:db8:8:1"
IPV6_START="10"
MAC_PREFIX="fe:e1:bb:d1:c8"
VMS="vms"
ETC="/etc"
IMAGES="/var/vmm"
HTDOCS="/var/www/htdocs"
MEMORY="1G"
DISKSIZE="50G"
FORMAT="qcow2"
VMDUSERS="vmdusers"
SWITCH="uplink_veb42"
INTERFACE="veb42"
ROUTER="192.0.2.1"
DNS="192.0.2.53, 2001:db8::53"
SUBNET="192.0.2.0"
NETMASK="255.255.255.0"
`;

/** {@link SAMPLE} with the line of `key` replaced by `line` (or removed when `line` is empty). */
export function withLine(key: string, line: string): string {
  return SAMPLE.replace(new RegExp(`^${key}=.*\\n`, "m"), line === "" ? "" : `${line}\n`);
}


/** An ed25519 public key line made by `ssh-keygen -t ed25519 -C alice@laptop`. */
export const ALICE_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ92iLd8ZBIUNDQVPbxLwikUasceSDQebcTrt+KRtpFq alice@laptop";

/** A host's vm.conf: two VMs (vm1 and vm2), with comments. */
export const VM_CONF = `# server8 VMs
socket owner :vmdusers

switch "uplink_veb42" {
	interface veb42
}

vm "vm1" {
	disable
	memory 1G
	owner alice
	disk "/var/vmm/vm1.qcow2" format qcow2
	interface tap {
		switch "uplink_veb42"
		lladdr fe:e1:bb:d1:c8:00
	}
}

# bob's VM
vm "vm2" {
	owner bob
	disk "/var/vmm/vm2.qcow2"
	interface tap {
		switch "uplink_veb42"
		lladdr fe:e1:bb:d1:c8:02
	}
}
`;

/** The same host's dhcpd.conf: vm1, vm2, a printer, and a dynamic range. */
export const DHCPD_CONF = `option domain-name "example.org";
option domain-name-servers 192.0.2.53;

subnet 192.0.2.0 netmask 255.255.255.0 {
	option routers 192.0.2.1;
	server-name "server8.example.org";
	range 192.0.2.200 192.0.2.209;
	host vm1 {
		hardware ethernet fe:e1:bb:d1:c8:00;
		fixed-address 192.0.2.10;
		filename "auto_install";
		option host-name "puffy";
	}
	host vm2 {
		hardware ethernet fe:e1:bb:d1:c8:02;
		fixed-address 192.0.2.12;
		filename "auto_install";
		option host-name "bobs";
	}
	host printer {
		hardware ethernet 00:11:22:33:44:55;
		fixed-address 192.0.2.11;
	}
}
`;
