import { noOptions, type Rule } from "./model.js";
import { doasFeatures, NEWEST_RELEASE, RELEASES, type Release } from "./releases.js";

/** Input of {@link customerRule}. */
export interface CustomerRuleOptions {
  /** The customer's login on the VM host (the VM's `owner` in vm.conf). */
  owner: string;
  /** The VM's name in vm.conf. */
  vm: string;
  /** The host's OpenBSD release (default the newest known). */
  release?: Release;
}

/** The release from which a VM's owner needs no doas rule to stop a hung VM. */
export const OWNER_FORCE_STOP_RELEASE: Release = "6.6";

/**
 * The doas.conf rule a hosting customer needs to manage their own VM, or
 * undefined when none is needed.
 *
 * - 6.5: vm.conf's `owner` already lets the owner start and stop the VM
 *   with vmctl, but vmctl could only ask the guest to shut down; a hung
 *   guest had to be killed. The rule lets the owner kill its vmd process
 *   without a password: `permit nopass <owner> as root cmd pkill args -9 -f
 *   <vm>` (exactly those arguments; the command word `pkill` as typed).
 * - 6.6 and later ({@link OWNER_FORCE_STOP_RELEASE}): vmctl's `stop -f`
 *   stops a VM at once, and vmd lets the VM's owner do it as it lets the
 *   owner start and stop it (vm.conf `owner`), so no doas rule is needed;
 *   give the VM an `owner` in vm.conf instead. (The release of `stop -f`
 *   is from the vmctl history as remembered, not from a man page read for
 *   this package.)
 *
 * Throws `UnknownReleaseError` for an unknown release.
 */
export function customerRule(options: CustomerRuleOptions): Rule | undefined {
  const features = doasFeatures(options.release ?? NEWEST_RELEASE);
  if (RELEASES.indexOf(features.release) >= RELEASES.indexOf(OWNER_FORCE_STOP_RELEASE)) return undefined;
  return {
    action: "permit",
    options: { ...noOptions(), nopass: true },
    identity: { user: options.owner },
    target: "root",
    command: "pkill",
    args: ["-9", "-f", options.vm],
  };
}
