// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/oom_notify and /dev/oom_notify_critical: memory-pressure events for
 * poll(2) and read(2), driven by the reclaim events themselves.
 *
 * Sources, all on a stock kernel:
 *   LOW       mm_vmscan_wakeup_kswapd; free pages below the low watermark or
 *             PSWPOUT growing (sampled while a file is open)
 *   MEDIUM    mm_vmscan_direct_reclaim_begin
 *   CRITICAL  reclaim_retry_zone: the allocator's reclaim retries are
 *             failing, every zone of its zonelist or without progress (not
 *             for costly orders or fragmentation alone)
 *   OOM       the OOM notifier chain (global OOM); mark_victim, with the
 *             victim's pid
 *
 * Delivery is lazy and O(1) per event.  Probes may run in atomic context,
 * even in hard interrupts: they count the event in a per-CPU counter, note
 * its time and source, and queue an irq_work once per level until it runs.
 * The irq_work publishes, per level, the number of events so far with the
 * latest one's time, source and memory state, and wakes the one shared wait
 * queue if a waiter asked for that level.  No file is visited: each open
 * file remembers the count of every level it has seen and works out its
 * records in poll(2) and read(2) from its own threshold and hysteresis.  A
 * file whose records hysteresis holds back has a work item of its own that
 * wakes it when they are due.
 *
 * Errors: open(2) past notify_max_per_user gets EMFILE; read(2) with a
 * buffer smaller than a record gets EINVAL; O_NONBLOCK with nothing to
 * deliver gets EAGAIN; a bad config gets EINVAL; an unknown ioctl ENOTTY; a
 * bad pointer EFAULT.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/hashtable.h>
#include <linux/irq_work.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/nodemask.h>
#include <linux/notifier.h>
#include <linux/oom.h>
#include <linux/percpu.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/seqlock.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/swap.h>
#include <linux/uaccess.h>
#include <linux/uidgid.h>
#include <linux/uoom.h>
#include <linux/vmstat.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <trace/events/oom.h>
#include <trace/events/vmscan.h>

#include "uoom.h"

static unsigned int notify_interval_ms = 1000;
module_param(notify_interval_ms, uint, 0444);
MODULE_PARM_DESC(notify_interval_ms,
		 "Fallback sampling of watermarks and swap-out while a file is open, in ms (0: off; default 1000)");

static unsigned int notify_max_per_user = 128;
module_param(notify_max_per_user, uint, 0644);
MODULE_PARM_DESC(notify_max_per_user,
		 "Open notify files per user; more get EMFILE, CAP_SYS_RESOURCE is exempt (default 128)");

#define UOOM_LEVELS (UOOM_LEVEL_OOM + 1)
#define UOOM_LEVELS_ALL GENMASK(UOOM_LEVEL_OOM, UOOM_LEVEL_LOW)
#define UOOM_HYSTERESIS_DEFAULT_MS 100
#define UOOM_HYSTERESIS_MAX_MS 60000

/*
 * The module's workqueue: the victim hand-over, the hysteresis re-checks
 * and the fallback sampler.  WQ_MEM_RECLAIM gives it a rescuer, so it makes
 * progress when no kworker can be forked for want of memory.
 */
struct workqueue_struct *uoom_wq;

/* Raised by probes: a count per CPU, the latest time and source per level. */
struct uoom_notify_cpu {
	unsigned long raised[UOOM_LEVELS];
};

static DEFINE_PER_CPU(struct uoom_notify_cpu, uoom_notify_cpu);
static struct {
	u64 time;
	u32 source;
} uoom_notify_latest[UOOM_LEVELS];
static unsigned long uoom_notify_raised_pending;

/**
 * struct uoom_notify_level - one level as published
 * @count: events published so far; files compare it with what they saw
 * @raised: the per-CPU counts' sum at the last publication
 * @time: ktime_get_mono_fast_ns() of the latest event
 * @source: enum uoom_source of the latest event
 * @avail_kb: MemAvailable at publication, in KiB
 * @free_kb: free memory at publication, in KiB
 */
struct uoom_notify_level {
	unsigned long count;
	unsigned long raised;
	u64 time;
	u32 source;
	u64 avail_kb;
	u64 free_kb;
};

/*
 * Published by the irq_work and uoom_notify_victim() under the lock, read
 * under the seqcount; @count alone may be read with READ_ONCE().
 * uoom_notify_victim_count is the OOM count that published the victim.
 */
static DEFINE_RAW_SPINLOCK(uoom_notify_pub_lock);
static seqcount_raw_spinlock_t uoom_notify_pub_seq =
	SEQCNT_RAW_SPINLOCK_ZERO(uoom_notify_pub_seq, &uoom_notify_pub_lock);
static struct uoom_notify_level uoom_notify_pub[UOOM_LEVELS];
static struct pid *uoom_notify_victim_pid;
static unsigned long uoom_notify_victim_count;

/*
 * Every waiter, whatever its file, waits on uoom_notify_waitq.  A waiter
 * first sets the bits of the levels whose next event would make its file
 * readable in uoom_notify_armed; a publication wakes the queue only for an
 * armed level, and disarms it.  Events that no waiter asked for cost no
 * wake-up at all.
 */
static DECLARE_WAIT_QUEUE_HEAD(uoom_notify_waitq);
static atomic_long_t uoom_notify_armed = ATOMIC_LONG_INIT(0);

/**
 * struct uoom_notify_user - open notify files of one user
 * @node: in uoom_notify_users
 * @uid: the user
 * @files: how many are open
 */
struct uoom_notify_user {
	struct hlist_node node;
	kuid_t uid;
	unsigned int files;
};

/* Guards uoom_notify_users, their counts and uoom_notify_nr_files. */
static DEFINE_MUTEX(uoom_notify_users_lock);
static DEFINE_HASHTABLE(uoom_notify_users, 6);
static unsigned int uoom_notify_nr_files;

/**
 * struct uoom_notify_last - what a read that took records leaves behind
 * @level: level of the last record read
 * @read_ns: when it was read
 * @swapout: uoom_swapout_pages() then
 */
struct uoom_notify_last {
	u32 level;
	u64 read_ns;
	long swapout;
};

/**
 * struct uoom_notify_file - one open /dev/oom_notify
 * @read_mutex: serialises reads, across the copy to user space
 * @lock: guards the fields below it
 * @threshold: lowest level delivered
 * @hysteresis_ms: see struct uoom_notify_config
 * @seen: per level, the published count this file has read up to
 * @last: the last read that took records
 * @wait: woken by @recheck
 * @recheck: wakes @wait when held-back records are due
 * @user: the opener's entry in uoom_notify_users
 */
struct uoom_notify_file {
	struct mutex read_mutex;	/* serialises reads */
	spinlock_t lock;		/* guards the fields below */
	u32 threshold;
	u32 hysteresis_ms;
	unsigned long seen[UOOM_LEVELS];
	struct uoom_notify_last last;
	wait_queue_head_t wait;
	struct delayed_work recheck;
	struct uoom_notify_user *user;
};

/**
 * struct uoom_notify_state - what a file can read now
 * @ready: levels with a record readable now
 * @wait_ns: if none is, nanoseconds until hysteresis lets one out, or 0
 * @want: levels whose next event would give a record, readable now or when
 *	hysteresis lets it out
 */
struct uoom_notify_state {
	unsigned long ready;
	u64 wait_ns;
	unsigned long want;
};

static void uoom_notify_sample_workfn(struct work_struct *work);
static DECLARE_DEFERRABLE_WORK(uoom_notify_sample_work, uoom_notify_sample_workfn);
static long uoom_notify_swapout;

/**
 * uoom_swapout_pages - pages swapped out so far
 *
 * PSWPOUT, as the seed sampled it.  Without VM event counters, the negated
 * free swap, which grows by the same amount less what is swapped back in.
 * Only differences are used.
 *
 * Context: any.
 * Return: a counter that grows as pages are swapped out.
 */
static long uoom_swapout_pages(void)
{
#ifdef CONFIG_VM_EVENT_COUNTERS
	unsigned long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu(vm_event_states, cpu).event[PSWPOUT]);
	return sum;
#else
	return -get_nr_swap_pages();
#endif
}

/**
 * uoom_notify_wake - wake the waiters that asked for @levels
 * @levels: levels just published
 *
 * Pairs with the barrier in uoom_notify_arm(): either the waiter sees the
 * new count, or this sees its bit and wakes it.
 *
 * Context: any but NMI; the caller has published @levels.
 */
static void uoom_notify_wake(unsigned long levels)
{
	if (atomic_long_fetch_andnot(levels, &uoom_notify_armed) & levels)
		wake_up_interruptible_poll(&uoom_notify_waitq, EPOLLIN | EPOLLRDNORM);
}

/**
 * uoom_notify_irq_workfn - publish the raised events and wake their waiters
 * @work: uoom_notify_irq_work
 *
 * O(levels + CPUs), whatever the number of open files.
 *
 * Context: hard interrupt (an irq_work thread on PREEMPT_RT).
 */
static void uoom_notify_irq_workfn(struct irq_work *work)
{
	unsigned long pending = xchg(&uoom_notify_raised_pending, 0);
	unsigned long published = 0, sum, flags;
	struct uoom_notify_level *l;
	u64 avail_kb, free_kb;
	u32 level;
	int cpu;

	if (!pending)
		return;
	avail_kb = (u64)si_mem_available() << (PAGE_SHIFT - 10);
	free_kb = (u64)global_zone_page_state(NR_FREE_PAGES) << (PAGE_SHIFT - 10);

	raw_spin_lock_irqsave(&uoom_notify_pub_lock, flags);
	write_seqcount_begin(&uoom_notify_pub_seq);
	for_each_set_bit(level, &pending, UOOM_LEVELS) {
		l = &uoom_notify_pub[level];
		sum = 0;
		for_each_possible_cpu(cpu)
			sum += READ_ONCE(per_cpu(uoom_notify_cpu, cpu).raised[level]);
		if (sum == l->raised)
			continue;
		WRITE_ONCE(l->count, l->count + (sum - l->raised));
		l->raised = sum;
		l->time = READ_ONCE(uoom_notify_latest[level].time);
		l->source = READ_ONCE(uoom_notify_latest[level].source);
		l->avail_kb = avail_kb;
		l->free_kb = free_kb;
		published |= BIT(level);
	}
	write_seqcount_end(&uoom_notify_pub_seq);
	raw_spin_unlock_irqrestore(&uoom_notify_pub_lock, flags);

	if (published)
		uoom_notify_wake(published);
}

static DEFINE_IRQ_WORK(uoom_notify_irq_work, uoom_notify_irq_workfn);

/**
 * uoom_notify_raise - record a pressure event
 * @level: enum uoom_level
 * @source: enum uoom_source
 *
 * O(1), lockless and without a shared atomic while the level's irq_work is
 * pending: a per-CPU count, two plain stores and a bit test.
 *
 * Context: any but NMI.
 */
static void uoom_notify_raise(u32 level, u32 source)
{
	WRITE_ONCE(uoom_notify_latest[level].time, ktime_get_mono_fast_ns());
	WRITE_ONCE(uoom_notify_latest[level].source, source);
	this_cpu_inc(uoom_notify_cpu.raised[level]);
	/*
	 * The count before the bit: an irq_work that cleared the bit after we
	 * saw it set sums our count.  Pairs with its xchg().
	 */
	smp_mb();
	if (!test_bit(level, &uoom_notify_raised_pending) &&
	    !test_and_set_bit(level, &uoom_notify_raised_pending))
		irq_work_queue(&uoom_notify_irq_work);
}

/* Tracepoint probes: any context, even hard interrupts. */
static void uoom_probe_mm_vmscan_wakeup_kswapd(void *data, int nid, int zid,
					       int order, gfp_t gfp_flags)
{
	uoom_notify_raise(UOOM_LEVEL_LOW, UOOM_SOURCE_KSWAPD_WAKE);
}

static void uoom_probe_mm_vmscan_direct_reclaim_begin(void *data, int order, gfp_t gfp_flags)
{
	uoom_notify_raise(UOOM_LEVEL_MEDIUM, UOOM_SOURCE_DIRECT_RECLAIM);
}

/**
 * uoom_probe_reclaim_retry_zone - should_reclaim_retry() looked at one zone
 * @data: unused
 * @zoneref: the zone, in the allocation's zonelist
 * @order: the allocation's order
 * @reclaimable: the zone's reclaimable pages
 * @available: those and its free pages
 * @min_wmark: its min watermark
 * @no_progress_loops: reclaim rounds without progress so far
 * @wmark_check: whether reclaiming everything would meet the watermark
 *
 * CRITICAL when reclaim retries are failing for an allocation that can
 * fail for want of memory: the last zone of its zonelist fails the check
 * (the loop stops at the first that passes, so every zone failed), or a
 * zone would pass but reclaim makes no progress.  Not for costly orders,
 * which count every round as without progress, nor for an order above 0
 * while the zone holds enough memory for it as single pages (fragmentation
 * alone).
 *
 * Context: the allocator's slow path; any context that may reclaim.
 */
static void uoom_probe_reclaim_retry_zone(void *data, struct zoneref *zoneref,
					  int order, unsigned long reclaimable,
					  unsigned long available,
					  unsigned long min_wmark,
					  int no_progress_loops, bool wmark_check)
{
	bool last = !zoneref[1].zone;

	if (order > PAGE_ALLOC_COSTLY_ORDER || (order && available > min_wmark + (1UL << order)))
		return;
	if (wmark_check ? no_progress_loops > 0 : last)
		uoom_notify_raise(UOOM_LEVEL_CRITICAL, UOOM_SOURCE_RECLAIM_RETRY);
}

static struct uoom_probe uoom_notify_probes[] = {
	UOOM_PROBE(mm_vmscan_wakeup_kswapd, "LOW from kswapd is off"),
	UOOM_PROBE(mm_vmscan_direct_reclaim_begin, "MEDIUM from direct reclaim is off"),
	UOOM_PROBE(reclaim_retry_zone, "CRITICAL from reclaim retries is off"),
};

/**
 * uoom_oom_notify - the OOM notifier chain: a global OOM, no victim yet
 * @nb: uoom_oom_nb
 * @unused: unused
 * @freed: unused; uoom frees nothing
 *
 * Context: process context, under oom_lock.
 * Return: NOTIFY_OK.
 */
static int uoom_oom_notify(struct notifier_block *nb, unsigned long unused,
			   void *freed)
{
	uoom_notify_raise(UOOM_LEVEL_OOM, UOOM_SOURCE_OOM_NOTIFIER);
	return NOTIFY_OK;
}

static struct notifier_block uoom_oom_nb = {
	.notifier_call = uoom_oom_notify,
};

/**
 * uoom_notify_victim - the OOM killer chose @victim
 * @victim: the victim's thread-group pid
 *
 * Publishes an OOM event from mark_victim that names @victim, at once: the
 * OOM records read from now on name it until a newer victim comes.
 *
 * Context: process context (victim.c's work item on uoom_wq).
 */
void uoom_notify_victim(struct pid *victim)
{
	u64 avail_kb = (u64)si_mem_available() << (PAGE_SHIFT - 10);
	u64 free_kb = (u64)global_zone_page_state(NR_FREE_PAGES) << (PAGE_SHIFT - 10);
	struct uoom_notify_level *l = &uoom_notify_pub[UOOM_LEVEL_OOM];
	unsigned long flags;
	struct pid *old;

	raw_spin_lock_irqsave(&uoom_notify_pub_lock, flags);
	write_seqcount_begin(&uoom_notify_pub_seq);
	old = uoom_notify_victim_pid;
	uoom_notify_victim_pid = get_pid(victim);
	WRITE_ONCE(l->count, l->count + 1);
	uoom_notify_victim_count = l->count;
	l->time = ktime_get_mono_fast_ns();
	l->source = UOOM_SOURCE_MARK_VICTIM;
	l->avail_kb = avail_kb;
	l->free_kb = free_kb;
	write_seqcount_end(&uoom_notify_pub_seq);
	raw_spin_unlock_irqrestore(&uoom_notify_pub_lock, flags);
	put_pid(old);
	uoom_notify_wake(BIT(UOOM_LEVEL_OOM));
}

/**
 * uoom_notify_sample - the seed's signals, sampled
 *
 * Free pages against the low watermarks, PSWPOUT growing.  Only LOW: free
 * pages are often below the min watermark already when kswapd is first
 * woken, long before reclaim fails.
 *
 * Context: process context.
 */
static void uoom_notify_sample(void)
{
	unsigned long free = global_zone_page_state(NR_FREE_PAGES);
	unsigned long low = 0;
	long swapout = uoom_swapout_pages();
	struct zone *zone;
	int nid, z;

	for_each_online_node(nid) {
		for (z = 0; z < MAX_NR_ZONES; z++) {
			zone = &NODE_DATA(nid)->node_zones[z];
			if (!populated_zone(zone))
				continue;
			low += low_wmark_pages(zone);
		}
	}
	if (free < low)
		uoom_notify_raise(UOOM_LEVEL_LOW, UOOM_SOURCE_WATERMARK);
	if (swapout > READ_ONCE(uoom_notify_swapout))
		uoom_notify_raise(UOOM_LEVEL_LOW, UOOM_SOURCE_SWAPOUT);
	WRITE_ONCE(uoom_notify_swapout, swapout);
}

/**
 * uoom_notify_sample_workfn - sample every notify_interval_ms
 * @work: uoom_notify_sample_work, deferrable
 *
 * Runs while a file is open: the first open queues it, the last close
 * cancels it.
 *
 * Context: process context (a work item on uoom_wq).
 */
static void uoom_notify_sample_workfn(struct work_struct *work)
{
	uoom_notify_sample();
	queue_delayed_work(uoom_wq, &uoom_notify_sample_work,
			   msecs_to_jiffies(notify_interval_ms));
}

/* Per level, the published count, read without the seqcount. */
static void uoom_notify_counts(unsigned long *count)
{
	u32 level;

	for (level = UOOM_LEVEL_LOW; level < UOOM_LEVELS; level++)
		count[level] = READ_ONCE(uoom_notify_pub[level].count);
}

/**
 * uoom_notify_snapshot - a consistent copy of every published level
 * @pub: UOOM_LEVELS entries, filled in
 * @victim_count: the OOM count that published the latest victim, filled in
 *
 * Context: process context.
 */
static void uoom_notify_snapshot(struct uoom_notify_level *pub,
				 unsigned long *victim_count)
{
	unsigned int seq;

	do {
		seq = read_seqcount_begin(&uoom_notify_pub_seq);
		memcpy(pub, uoom_notify_pub, sizeof(uoom_notify_pub));
		*victim_count = uoom_notify_victim_count;
	} while (read_seqcount_retry(&uoom_notify_pub_seq, seq));
}

/**
 * uoom_notify_state - what @f can read now, from the published counts
 * @f: the file; caller holds f->lock
 * @count: the published count of each level
 * @now: ktime_get_ns()
 * @st: filled in
 *
 * A level has a record for @f when it is at or above @f's threshold and its
 * count moved since @f last read it.  After a read, records at or below the
 * highest level read are held back for @f's hysteresis.  O(levels).
 */
static void uoom_notify_state(struct uoom_notify_file *f,
			      const unsigned long *count, u64 now,
			      struct uoom_notify_state *st)
{
	u64 due = f->last.read_ns + (u64)f->hysteresis_ms * NSEC_PER_MSEC;
	unsigned long pending = 0, held = 0;
	u32 level;

	for (level = f->threshold; level < UOOM_LEVELS; level++)
		if (count[level] != f->seen[level])
			pending |= BIT(level);
	if (now < due)
		held = GENMASK(f->last.level, 0);
	st->ready = pending & ~held;
	st->wait_ns = !st->ready && (pending & held) ? due - now : 0;
	/* A held level too: its event must arm the re-check (once, then pending). */
	st->want = GENMASK(UOOM_LEVEL_OOM, f->threshold) & ~pending;
}

/**
 * uoom_notify_recheck - wake @f when its held-back records are due
 * @f: the file
 * @wait_ns: nanoseconds until then
 *
 * Context: any but hard interrupt.
 */
static void uoom_notify_recheck(struct uoom_notify_file *f, u64 wait_ns)
{
	mod_delayed_work(uoom_wq, &f->recheck, nsecs_to_jiffies(wait_ns) + 1);
}

/**
 * uoom_notify_recheck_workfn - a file's held-back records are due
 * @work: the file's recheck
 *
 * Context: process context (a work item on uoom_wq).
 */
static void uoom_notify_recheck_workfn(struct work_struct *work)
{
	struct uoom_notify_file *f = container_of(to_delayed_work(work),
						  struct uoom_notify_file, recheck);

	wake_up_interruptible_poll(&f->wait, EPOLLIN | EPOLLRDNORM);
}

/**
 * uoom_notify_arm - ask the next event of @want to wake the shared queue
 * @want: levels
 *
 * Sets only bits that are clear, so that waiters of a level already armed
 * do not write the shared word.
 */
static void uoom_notify_arm(unsigned long want)
{
	if (want & ~atomic_long_read(&uoom_notify_armed))
		atomic_long_or(want, &uoom_notify_armed);
	/*
	 * The bits before the counts; pairs with uoom_notify_wake().  A full
	 * barrier, not smp_mb__after_atomic(): when every bit was set already
	 * there is no atomic operation for it to order.
	 */
	smp_mb();
}

/**
 * uoom_notify_ready - whether @f has a record readable now, for a waiter
 * @f: the file
 *
 * If not, arms the shared queue for the levels that would make one
 * readable, then looks again, and arms @f's re-check for records that
 * hysteresis holds back.  The wait condition of poll(2) and read(2).
 *
 * Context: process context.
 * Return: true if a record is readable now.
 */
static bool uoom_notify_ready(struct uoom_notify_file *f)
{
	unsigned long count[UOOM_LEVELS];
	struct uoom_notify_state st;
	bool armed = false;

	for (;;) {
		uoom_notify_counts(count);
		spin_lock(&f->lock);
		uoom_notify_state(f, count, ktime_get_ns(), &st);
		spin_unlock(&f->lock);
		if (st.ready || armed || !st.want)
			break;
		uoom_notify_arm(st.want);
		armed = true;
	}
	if (st.wait_ns)
		uoom_notify_recheck(f, st.wait_ns);
	return st.ready;
}

/**
 * uoom_notify_charge - count a new file against its user's limit
 * @f: the file
 *
 * A user with CAP_SYS_RESOURCE is exempt from notify_max_per_user.  The
 * first file of all starts the fallback sampler.
 *
 * Context: process context.
 * Return: 0, -EMFILE (the user has notify_max_per_user files open) or
 * -ENOMEM.
 */
static int uoom_notify_charge(struct uoom_notify_file *f)
{
	kuid_t uid = current_uid();
	struct uoom_notify_user *u;
	int ret = 0;

	mutex_lock(&uoom_notify_users_lock);
	hash_for_each_possible(uoom_notify_users, u, node, __kuid_val(uid))
		if (uid_eq(u->uid, uid))
			goto found;
	u = kzalloc(sizeof(*u), GFP_KERNEL_ACCOUNT);
	if (!u) {
		ret = -ENOMEM;
		goto unlock;
	}
	u->uid = uid;
	hash_add(uoom_notify_users, &u->node, __kuid_val(uid));
found:
	if (u->files >= READ_ONCE(notify_max_per_user) && !capable(CAP_SYS_RESOURCE)) {
		if (!u->files) {
			hash_del(&u->node);
			kfree(u);
		}
		ret = -EMFILE;
		goto unlock;
	}
	u->files++;
	f->user = u;
	if (!uoom_notify_nr_files++ && notify_interval_ms) {
		WRITE_ONCE(uoom_notify_swapout, uoom_swapout_pages());
		queue_delayed_work(uoom_wq, &uoom_notify_sample_work,
				   msecs_to_jiffies(notify_interval_ms));
	}
unlock:
	mutex_unlock(&uoom_notify_users_lock);
	return ret;
}

/**
 * uoom_notify_uncharge - a file is gone
 * @f: the file
 *
 * The last file of all stops the fallback sampler.
 *
 * Context: process context.
 */
static void uoom_notify_uncharge(struct uoom_notify_file *f)
{
	struct uoom_notify_user *u = f->user;

	mutex_lock(&uoom_notify_users_lock);
	if (!--u->files) {
		hash_del(&u->node);
		kfree(u);
	}
	if (!--uoom_notify_nr_files)
		cancel_delayed_work_sync(&uoom_notify_sample_work);
	mutex_unlock(&uoom_notify_users_lock);
}

/**
 * uoom_notify_open - open /dev/oom_notify or /dev/oom_notify_critical
 * @inode: the device's inode
 * @file: the new file; private_data is the miscdevice on entry
 *
 * The file starts with no record, threshold LOW (CRITICAL for
 * oom_notify_critical) and the default hysteresis; it gets the events
 * published after it opened.  Its state is charged to the opener's memory
 * cgroup, and the file to the opener's notify_max_per_user.
 *
 * Context: process context.
 * Return: 0, -EMFILE or -ENOMEM.
 */
static int uoom_notify_open(struct inode *inode, struct file *file)
{
	struct miscdevice *dev = file->private_data;
	struct uoom_notify_file *f;
	int ret;

	f = kzalloc(sizeof(*f), GFP_KERNEL_ACCOUNT);
	if (!f)
		return -ENOMEM;
	ret = uoom_notify_charge(f);
	if (ret) {
		kfree(f);
		return ret;
	}
	mutex_init(&f->read_mutex);
	spin_lock_init(&f->lock);
	init_waitqueue_head(&f->wait);
	INIT_DELAYED_WORK(&f->recheck, uoom_notify_recheck_workfn);
	f->threshold = strcmp(dev->name, "oom_notify_critical") ?
		       UOOM_LEVEL_LOW : UOOM_LEVEL_CRITICAL;
	f->hysteresis_ms = UOOM_HYSTERESIS_DEFAULT_MS;
	f->last.swapout = uoom_swapout_pages();
	uoom_notify_counts(f->seen);
	file->private_data = f;
	return nonseekable_open(inode, file);
}

/**
 * uoom_notify_release - last close of a file
 * @inode: the device's inode
 * @file: the file
 *
 * Nothing polls the file any more: cancels its re-check, gives back its
 * slot in the user's limit and frees it.
 *
 * Context: process context.
 * Return: 0.
 */
static int uoom_notify_release(struct inode *inode, struct file *file)
{
	struct uoom_notify_file *f = file->private_data;

	cancel_delayed_work_sync(&f->recheck);
	uoom_notify_uncharge(f);
	mutex_destroy(&f->read_mutex);
	kfree(f);
	return 0;
}

/**
 * uoom_notify_wait - sleep until @f has a record readable
 * @f: the file
 *
 * Waits on the shared queue, for new events, and on @f's own, for its
 * hysteresis re-check.
 *
 * Context: process context.
 * Return: 0 or -ERESTARTSYS.
 */
static int uoom_notify_wait(struct uoom_notify_file *f)
{
	struct wait_queue_entry shared, own;
	int ret = 0;

	init_waitqueue_entry(&shared, current);
	init_waitqueue_entry(&own, current);
	add_wait_queue(&uoom_notify_waitq, &shared);
	add_wait_queue(&f->wait, &own);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (uoom_notify_ready(f))
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	remove_wait_queue(&f->wait, &own);
	remove_wait_queue(&uoom_notify_waitq, &shared);
	return ret;
}

/**
 * uoom_notify_read - read(2): take the readable records
 * @file: the file
 * @buf: where to
 * @count: room at @buf, at least one record
 * @ppos: unused; the file is not seekable
 *
 * Returns as many whole records as fit, lowest level first; each level's
 * record coalesces every event of that level since this file last read it,
 * and an OOM record names the victim if mark_victim's event is among them.
 * Blocks until one is readable, unless O_NONBLOCK.  Reading starts the
 * hysteresis of the highest level read.  On -EFAULT the records stay
 * pending and the hysteresis is not restarted.  O(levels).
 *
 * Context: process context.
 * Return: bytes read, or -EINVAL (@count below one record), -EAGAIN,
 * -ERESTARTSYS or -EFAULT.
 */
static ssize_t uoom_notify_read(struct file *file, char __user *buf,
				size_t count, loff_t *ppos)
{
	struct uoom_notify_file *f = file->private_data;
	unsigned long cnt[UOOM_LEVELS], before_seen[UOOM_LEVELS];
	struct uoom_notify_level pub[UOOM_LEVELS];
	struct uoom_notify_event ev[UOOM_LEVELS];
	struct uoom_notify_last before;
	unsigned long victim_count, taken = 0, flags;
	struct uoom_notify_state st;
	struct pid *victim = NULL;
	bool named = false;
	size_t n = 0, i;
	long swapout;
	u64 now;
	u32 level;
	int ret;

	if (count < sizeof(ev[0]))
		return -EINVAL;
	for (;;) {
		if (!(file->f_flags & O_NONBLOCK)) {
			ret = uoom_notify_wait(f);
			if (ret)
				return ret;
		}
		if (mutex_lock_interruptible(&f->read_mutex))
			return -ERESTARTSYS;
		uoom_notify_snapshot(pub, &victim_count);
		for (level = UOOM_LEVEL_LOW; level < UOOM_LEVELS; level++)
			cnt[level] = pub[level].count;
		spin_lock(&f->lock);
		now = ktime_get_ns();
		uoom_notify_state(f, cnt, now, &st);
		if (st.ready)
			break;
		spin_unlock(&f->lock);
		mutex_unlock(&f->read_mutex);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
	}
	before = f->last;
	memcpy(before_seen, f->seen, sizeof(before_seen));
	swapout = uoom_swapout_pages();
	for_each_set_bit(level, &st.ready, UOOM_LEVELS) {
		unsigned long events = cnt[level] - f->seen[level];

		if (n == count / sizeof(ev[0]))
			break;
		ev[n] = (struct uoom_notify_event){
			.timestamp_ns = pub[level].time,
			.level = level,
			.source = pub[level].source,
			.mem_available_kb = pub[level].avail_kb,
			.free_kb = pub[level].free_kb,
			.count = min_t(unsigned long, events, U32_MAX),
		};
		if (!n && swapout > before.swapout)
			ev[n].swapout_delta = swapout - before.swapout;
		/* mark_victim's event is among those this record coalesces. */
		if (level == UOOM_LEVEL_OOM &&
		    victim_count - f->seen[level] - 1 < events) {
			ev[n].source = UOOM_SOURCE_MARK_VICTIM;
			named = true;
		}
		f->seen[level] = cnt[level];
		f->last.level = level;
		taken |= BIT(level);
		n++;
	}
	f->last.read_ns = now;
	f->last.swapout = swapout;
	uoom_notify_state(f, cnt, now, &st);
	spin_unlock(&f->lock);

	if (named) {
		raw_spin_lock_irqsave(&uoom_notify_pub_lock, flags);
		victim = get_pid(uoom_notify_victim_pid);
		raw_spin_unlock_irqrestore(&uoom_notify_pub_lock, flags);
	}
	for (i = 0; i < n; i++)
		if (ev[i].level == UOOM_LEVEL_OOM && victim)
			ev[i].victim_pid = pid_nr_ns(victim, task_active_pid_ns(current));
	put_pid(victim);

	if (copy_to_user(buf, ev, n * sizeof(ev[0]))) {
		/* As if the read never happened; levels now below the threshold stay dropped. */
		spin_lock(&f->lock);
		for_each_set_bit(level, &taken, UOOM_LEVELS)
			if (level >= f->threshold)
				f->seen[level] = before_seen[level];
		f->last = before;
		spin_unlock(&f->lock);
		mutex_unlock(&f->read_mutex);
		wake_up_interruptible_poll(&f->wait, EPOLLIN | EPOLLRDNORM);
		return -EFAULT;
	}
	mutex_unlock(&f->read_mutex);
	if (st.wait_ns)
		uoom_notify_recheck(f, st.wait_ns);
	return n * sizeof(ev[0]);
}

/**
 * uoom_notify_poll - poll(2): readable when a record can be read now
 * @file: the file
 * @wait: the poll table
 *
 * Context: process context.
 * Return: EPOLLIN | EPOLLRDNORM or 0.
 */
static __poll_t uoom_notify_poll(struct file *file, poll_table *wait)
{
	struct uoom_notify_file *f = file->private_data;

	poll_wait(file, &uoom_notify_waitq, wait);
	poll_wait(file, &f->wait, wait);
	return uoom_notify_ready(f) ? EPOLLIN | EPOLLRDNORM : 0;
}

/**
 * uoom_notify_ioctl - get or set a file's threshold and hysteresis
 * @file: the file
 * @cmd: UOOM_IOC_NOTIFY_SET_CONFIG or UOOM_IOC_NOTIFY_GET_CONFIG
 * @arg: user pointer to a struct uoom_notify_config
 *
 * Setting drops the records now below the threshold, and the events of
 * levels the old threshold ignored; the new hysteresis applies from the last
 * read.  Waiters are woken, to look again.
 *
 * Context: process context.
 * Return: 0, or -EFAULT, -EINVAL (a bad config) or -ENOTTY (unknown @cmd).
 */
static long uoom_notify_ioctl(struct file *file, unsigned int cmd,
			      unsigned long arg)
{
	struct uoom_notify_file *f = file->private_data;
	void __user *uarg = (void __user *)arg;
	struct uoom_notify_config cfg = {};
	unsigned long count[UOOM_LEVELS];
	u32 level;

	switch (cmd) {
	case UOOM_IOC_NOTIFY_SET_CONFIG:
		if (copy_from_user(&cfg, uarg, sizeof(cfg)))
			return -EFAULT;
		if (cfg.threshold < UOOM_LEVEL_LOW || cfg.threshold > UOOM_LEVEL_OOM ||
		    cfg.hysteresis_ms > UOOM_HYSTERESIS_MAX_MS ||
		    cfg.reserved[0] || cfg.reserved[1])
			return -EINVAL;
		uoom_notify_counts(count);
		spin_lock(&f->lock);
		for (level = UOOM_LEVEL_LOW; level < max(f->threshold, cfg.threshold); level++)
			f->seen[level] = count[level];
		f->threshold = cfg.threshold;
		f->hysteresis_ms = cfg.hysteresis_ms;
		spin_unlock(&f->lock);
		/* Waiters look again; the first to find records held arms the re-check. */
		wake_up_interruptible_poll(&f->wait, EPOLLIN | EPOLLRDNORM);
		return 0;
	case UOOM_IOC_NOTIFY_GET_CONFIG:
		spin_lock(&f->lock);
		cfg.threshold = f->threshold;
		cfg.hysteresis_ms = f->hysteresis_ms;
		spin_unlock(&f->lock);
		return copy_to_user(uarg, &cfg, sizeof(cfg)) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations uoom_notify_fops = {
	.owner = THIS_MODULE,
	.open = uoom_notify_open,
	.release = uoom_notify_release,
	.read = uoom_notify_read,
	.poll = uoom_notify_poll,
	.unlocked_ioctl = uoom_notify_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice uoom_notify_devs[] = {
	{
		.minor = MISC_DYNAMIC_MINOR,
		.name = "oom_notify",
		.fops = &uoom_notify_fops,
		.mode = 0444,
	},
	{
		.minor = MISC_DYNAMIC_MINOR,
		.name = "oom_notify_critical",
		.fops = &uoom_notify_fops,
		.mode = 0444,
	},
};

/**
 * uoom_notify_stop - detach the probes and wait for what they queued
 *
 * The tail of both unload and a failed load.  The caller has removed the
 * devices and the OOM notifier, so no file is open and the sampler is
 * stopped; victim.c no longer calls uoom_notify_victim().  Then nothing
 * raises events after the probes, and nothing queues work on uoom_wq.
 *
 * Context: process context.
 */
static void uoom_notify_stop(void)
{
	uoom_probes_detach(uoom_notify_probes, ARRAY_SIZE(uoom_notify_probes));
	irq_work_sync(&uoom_notify_irq_work);
	put_pid(uoom_notify_victim_pid);
	uoom_notify_victim_pid = NULL;
	destroy_workqueue(uoom_wq);
	uoom_wq = NULL;
}

/**
 * uoom_notify_init - create uoom_wq, attach the event sources, create the
 * devices
 *
 * A missing tracepoint only loses that source, with a warning.
 *
 * Context: process context, module init.
 * Return: 0 or a negative errno.
 */
int uoom_notify_init(void)
{
	int i, ret;

	uoom_wq = alloc_workqueue("uoom", WQ_MEM_RECLAIM | WQ_HIGHPRI, 0);
	if (!uoom_wq)
		return -ENOMEM;
	ret = uoom_probes_attach(uoom_notify_probes, ARRAY_SIZE(uoom_notify_probes));
	if (ret)
		goto err_stop;
	ret = register_oom_notifier(&uoom_oom_nb);
	if (ret)
		goto err_stop;
	for (i = 0; i < ARRAY_SIZE(uoom_notify_devs); i++) {
		ret = misc_register(&uoom_notify_devs[i]);
		if (ret)
			goto err_devs;
	}
	return 0;

err_devs:
	while (--i >= 0)
		misc_deregister(&uoom_notify_devs[i]);
	unregister_oom_notifier(&uoom_oom_nb);
err_stop:
	/* Probes already attached may have queued the irq_work. */
	uoom_notify_stop();
	return ret;
}

/**
 * uoom_notify_exit - remove the devices and detach every source
 *
 * Context: process context, module exit; no file of the devices is open.
 * Waits for running probes and the irq_work, then destroys uoom_wq.
 */
void uoom_notify_exit(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(uoom_notify_devs); i++)
		misc_deregister(&uoom_notify_devs[i]);
	unregister_oom_notifier(&uoom_oom_nb);
	uoom_notify_stop();
}
