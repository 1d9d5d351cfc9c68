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
 * @adj: out (get): the process's current oom_score_adj; zero to set
 * @saved_adj: out (get): the oom_score_adj unprotect will restore; zero to set
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

/*
 * /dev/oom_notify: memory-pressure events.  Any user may open and poll it,
 * up to the module parameter notify_max_per_user open files per user (real
 * uid); past it open(2) fails with EMFILE, unless the opener has
 * CAP_SYS_RESOURCE.  read(2) returns whole struct uoom_notify_event records.
 * /dev/oom_notify_critical is the same device with the threshold preset to
 * UOOM_LEVEL_CRITICAL.
 *
 * Delivery is lazy: the kernel keeps, per level, a count of events with the
 * latest one's details; each open file remembers the counts it has read and
 * gets, per level at or above its threshold, one record coalescing every
 * event since (hysteresis permitting).
 */
enum uoom_level {
	UOOM_LEVEL_NONE		= 0,
	UOOM_LEVEL_LOW		= 1,	/* kswapd woken, free below low, swap-out */
	UOOM_LEVEL_MEDIUM	= 2,	/* direct reclaim, stalls */
	UOOM_LEVEL_CRITICAL	= 3,	/* reclaim retries failing */
	UOOM_LEVEL_OOM		= 4,	/* the OOM killer was invoked */
};

enum uoom_source {
	UOOM_SOURCE_NONE		= 0,
	UOOM_SOURCE_KSWAPD_WAKE		= 1,	/* mm_vmscan_wakeup_kswapd */
	UOOM_SOURCE_DIRECT_RECLAIM	= 2,	/* mm_vmscan_direct_reclaim_begin */
	UOOM_SOURCE_RECLAIM_RETRY	= 3,	/* reclaim_retry_zone */
	UOOM_SOURCE_SWAPOUT		= 4,	/* PSWPOUT grew */
	UOOM_SOURCE_WATERMARK		= 5,	/* free pages near a watermark */
	UOOM_SOURCE_OOM_NOTIFIER	= 6,	/* register_oom_notifier chain */
	UOOM_SOURCE_MARK_VICTIM		= 7,	/* mark_victim */
	UOOM_SOURCE_TIMER		= 8,	/* reserved; samples report 4 or 5 */
};

/**
 * struct uoom_notify_event - one memory-pressure event
 * @timestamp_ns: CLOCK_MONOTONIC time of the latest coalesced event
 * @level: enum uoom_level
 * @source: enum uoom_source of the latest coalesced event; UOOM_SOURCE_MARK_VICTIM
 *	if the record names a victim
 * @mem_available_kb: MemAvailable when the latest event was published (at
 *	once, from an irq_work), in KiB
 * @free_kb: free memory then, in KiB
 * @swapout_delta: pages swapped out since this fd's previous record
 * @victim_pid: for UOOM_LEVEL_OOM, the victim's pid in the reader's pid
 *	namespace, 0 if unknown or not visible; otherwise 0
 * @count: number of events coalesced into this record
 */
struct uoom_notify_event {
	__u64 timestamp_ns;
	__u32 level;
	__u32 source;
	__u64 mem_available_kb;
	__u64 free_kb;
	__u64 swapout_delta;
	__s32 victim_pid;
	__u32 count;
};

/**
 * struct uoom_notify_config - per-fd delivery settings
 * @threshold: lowest enum uoom_level that wakes this fd (LOW..OOM)
 * @hysteresis_ms: after a record, events of the same or a lower level are
 *	only coalesced, not delivered, for this long; higher levels are
 *	delivered at once
 * @reserved: must be zero
 */
struct uoom_notify_config {
	__u32 threshold;
	__u32 hysteresis_ms;
	__u32 reserved[2];
};

#define UOOM_NOTIFY_MAGIC	'N'
#define UOOM_IOC_NOTIFY_SET_CONFIG	_IOW(UOOM_NOTIFY_MAGIC, 1, struct uoom_notify_config)
#define UOOM_IOC_NOTIFY_GET_CONFIG	_IOR(UOOM_NOTIFY_MAGIC, 2, struct uoom_notify_config)

#endif /* _UAPI_LINUX_UOOM_H */
