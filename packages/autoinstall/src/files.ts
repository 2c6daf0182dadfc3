import { parseMac } from "@obsdconf/core";

/** install or upgrade. */
export type InstallMode = "install" | "upgrade";

/**
 * File name the installer fetches first: `<mac>-install.conf` with the MAC
 * in lower-case colon form (as ifconfig prints it). Throws RangeError for a
 * text that is not a MAC address.
 */
export function responseFileName(mac: string, mode: InstallMode = "install"): string {
  const canonical = parseMac(mac.toLowerCase());
  if (!canonical) throw new RangeError(`not a MAC address: ${JSON.stringify(mac)}`);
  return `${canonical}-${mode}.conf`;
}

/** File name tried second, when DHCP gave a host name: `<hostname>-install.conf`. */
export function hostResponseFileName(hostname: string, mode: InstallMode = "install"): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(hostname)) throw new RangeError(`not a host name: ${JSON.stringify(hostname)}`);
  return `${hostname}-${mode}.conf`;
}

/** File names in the order the installer tries them (MAC, host name when known, then the generic one). */
export function responseFileNames(mac: string, hostname?: string, mode: InstallMode = "install"): string[] {
  const names = [responseFileName(mac, mode)];
  if (hostname !== undefined) names.push(hostResponseFileName(hostname, mode));
  names.push(`${mode}.conf`);
  return names;
}
