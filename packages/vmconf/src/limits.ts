// vmd's limits, as named constants (vmd.h, vmm.h, if.h of the releases this package knows).

/** Size of vmd's VM name buffer, NUL included: names must be shorter (VMM_MAX_NAME_LEN). */
export const VM_NAME_MAX = 64;
/** Most disks a VM may have (VM_MAX_DISKS_PER_VM). */
export const VM_MAX_DISKS = 4;
/** Most interfaces a VM may have (VM_MAX_NICS_PER_VM). */
export const VM_MAX_NICS = 4;
/** Size of an interface name buffer, NUL included (IF_NAMESIZE). */
export const IF_NAMESIZE = 16;
/** Highest routing domain (RT_TABLEID_MAX). */
export const RT_TABLEID_MAX = 255;
/** Longest agentx context, in bytes. */
export const AGENTX_CONTEXT_MAX = 32;
/** Size of the agentx socket path buffer, NUL included (sun_path). */
export const AGENTX_PATH_BUFFER = 104;
/** One megabyte: the smallest memory size and the unit of the old size parser. */
export const MEGABYTE = 1024 * 1024;
