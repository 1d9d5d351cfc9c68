/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * uoom user-space ABI: ioctl numbers and record layouts.
 *
 * This header is the single source of these numbers.  C programs include it
 * as <linux/uoom.h> (cc -I kmod/uapi); the Java bindings are checked
 * against it by a unit test.
 */
#ifndef _UAPI_LINUX_UOOM_H
#define _UAPI_LINUX_UOOM_H

#include <linux/ioctl.h>
#include <linux/types.h>

/*
 * /dev/oom_protect, seed-compatible (2006).  Both act on the calling
 * process.  OOMSETPROTECTCMD takes an int: 1 protects, 0 unprotects.
 * OOMGETPROTECTCMD stores 1 if the caller is protected, else 0.
 */
#define OOM_SET_PROTECT_MAGIC	'O'
#define OOM_GET_PROTECT_MAGIC	'o'
#define OOMSETPROTECTCMD	_IOWR(OOM_SET_PROTECT_MAGIC, 1, int)
#define OOMGETPROTECTCMD	_IOR(OOM_GET_PROTECT_MAGIC, 2, int)

/*
 * UOOM_PROTECT_HOLD: on UOOM_IOC_SET_PROTECT, the protection lasts only
 * while the file it was set through stays open; the last close unprotects.
 */
#define UOOM_PROTECT_HOLD	(1U << 0)
/* UOOM_PROTECT_SAVED: on UOOM_IOC_GET_PROTECT output, @saved_adj is valid. */
#define UOOM_PROTECT_SAVED	(1U << 8)

/**
 * struct uoom_protect - protect, unprotect or query a process by pidfd
 * @pidfd: in: a pidfd (pidfd_open(2) or CLONE_PIDFD) naming the process
 * @flags: in: UOOM_PROTECT_HOLD (set only); out: UOOM_PROTECT_SAVED (get)
 * @protect: in (set): 1 protects, 0 unprotects; out (get): 1 if protected
 * @adj: out (get): the process's current oom_score_adj
 * @saved_adj: out (get): the oom_score_adj unprotect will restore
 * @reserved: must be zero
 */
struct uoom_protect {
	__s32 pidfd;
	__u32 flags;
	__s32 protect;
	__s32 adj;
	__s32 saved_adj;
	__u32 reserved;
};

#define UOOM_IOC_SET_PROTECT	_IOW(OOM_SET_PROTECT_MAGIC, 3, struct uoom_protect)
#define UOOM_IOC_GET_PROTECT	_IOWR(OOM_SET_PROTECT_MAGIC, 4, struct uoom_protect)

#endif /* _UAPI_LINUX_UOOM_H */
