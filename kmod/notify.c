// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/oom_notify and /dev/oom_notify_critical: memory-pressure events for
 * poll(2) and read(2), driven by the reclaim events themselves.
 *
 * Sources, all on a stock kernel:
 *   LOW       mm_vmscan_wakeup_kswapd; free pages below the low watermark or
 *             PSWPOUT growing (sampled)
 *   MEDIUM    mm_vmscan_direct_reclaim_begin
 *   CRITICAL  reclaim_retry_zone with no progress or a failed watermark
 *             check: the allocator's reclaim retries are failing
 *   OOM       the OOM notifier chain (global OOM); mark_victim, with the
 *             victim's pid
 *
 * Probes may run in atomic context, even in hard interrupts.  They only
 * record the level, its time and source, and a count, locklessly, and
 * queue an irq_work once per level until the events are handed out.  The
 * fan-out to open files runs from a work item, coalescing into one
 * pending record per level and file; records that hysteresis holds back are
 * looked at again from a second work item, armed for the earliest of them.
 *
 * Errors: read(2) with a buffer smaller than a record gets EINVAL;
 * O_NONBLOCK with nothing to deliver gets EAGAIN; a bad config gets EINVAL;
 * an unknown ioctl ENOTTY; a bad pointer EFAULT.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/irq_work.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/module.h>
#include <linux/nodemask.h>
#include <linux/notifier.h>
#include <linux/oom.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/swap.h>
#include <linux/uaccess.h>
#include <linux/uoom.h>
#include <linux/vmstat.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "uoom.h"

static unsigned int notify_interval_ms = 1000;
module_param(notify_interval_ms, uint, 0444);
MODULE_PARM_DESC(notify_interval_ms,
		 "Fallback sampling of watermarks and swap-out, in ms (0: off; default 1000)");

#define UOOM_LEVELS (UOOM_LEVEL_OOM + 1)
#define UOOM_HYSTERESIS_DEFAULT_MS 100
#define UOOM_HYSTERESIS_MAX_MS 60000

/* Raised by probes, lockless; handed out by uoom_notify_pass(). */
static struct {
	u64 time;
	u32 source;
	atomic_long_t count;
} uoom_raised[UOOM_LEVELS];
static unsigned long uoom_raised_pending;

/* The latest OOM victim, from victim.c's work item. */
static DEFINE_SPINLOCK(uoom_notify_victim_lock);
static struct pid *uoom_notify_last_victim;
static atomic_t uoom_notify_victim_fresh;

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
 * @node: in uoom_notify_files
 * @wait: readers and pollers
 * @lock: guards the fields below
 * @threshold: lowest level delivered
 * @hysteresis_ms: see struct uoom_notify_config
 * @pending: bit per level whose record in @rec is undelivered
 * @rec: one coalesced record per level
 * @victim: for the OOM record, the victim
 * @last: the last read that took records
 * @reads: reads that took records, to tell whether another came after one
 */
struct uoom_notify_file {
	struct list_head node;
	wait_queue_head_t wait;
	spinlock_t lock;	/* guards the fields below */
	u32 threshold;
	u32 hysteresis_ms;
	unsigned long pending;
	struct uoom_notify_event rec[UOOM_LEVELS];
	struct pid *victim;
	struct uoom_notify_last last;
	unsigned long reads;
};

static DEFINE_SPINLOCK(uoom_notify_files_lock);
static LIST_HEAD(uoom_notify_files);

/*
 * Two work items run uoom_notify_pass(): the fan-out, queued by the irq_work
 * for new events, never more than a jiffy ahead; and the re-check, armed for
 * the earliest record that hysteresis holds back.  Keeping them apart lets
 * neither delay the other.
 */
static void uoom_notify_workfn(struct work_struct *work);
static DECLARE_DELAYED_WORK(uoom_notify_work, uoom_notify_workfn);
static void uoom_notify_recheck_workfn(struct work_struct *work);
static DECLARE_DELAYED_WORK(uoom_notify_recheck_work, uoom_notify_recheck_workfn);
static DEFINE_SPINLOCK(uoom_notify_recheck_lock);
static bool uoom_notify_recheck_armed;		/* guarded by uoom_notify_recheck_lock */
static unsigned long uoom_notify_recheck_at;	/* jiffies; guarded likewise */

static void uoom_notify_sample_workfn(struct work_struct *work);
static DECLARE_DELAYED_WORK(uoom_notify_sample_work, uoom_notify_sample_workfn);
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
 * uoom_notify_irq_workfn - start the fan-out of raised events
 * @work: uoom_notify_irq_work
 *
 * At once for CRITICAL and OOM, after a jiffy for LOW and MEDIUM so that a
 * burst coalesces.  Only this function queues uoom_notify_work, always due
 * within a jiffy, so queue_delayed_work() finding it pending means it runs
 * soon enough; the hysteresis re-check is a work item of its own.
 *
 * Context: hard interrupt.
 */
static void uoom_notify_irq_workfn(struct irq_work *work)
{
	if (READ_ONCE(uoom_raised_pending) & (BIT(UOOM_LEVEL_CRITICAL) | BIT(UOOM_LEVEL_OOM)))
		mod_delayed_work(system_wq, &uoom_notify_work, 0);
	else
		queue_delayed_work(system_wq, &uoom_notify_work, 1);
}

static DEFINE_IRQ_WORK(uoom_notify_irq_work, uoom_notify_irq_workfn);

/**
 * uoom_notify_raise - record a pressure event
 * @level: enum uoom_level
 * @source: enum uoom_source
 *
 * O(1) and lockless; events of one level coalesce until handed out.
 *
 * Context: any but NMI.
 */
static void uoom_notify_raise(u32 level, u32 source)
{
	WRITE_ONCE(uoom_raised[level].time, ktime_get_ns());
	WRITE_ONCE(uoom_raised[level].source, source);
	atomic_long_inc(&uoom_raised[level].count);
	if (!test_and_set_bit(level, &uoom_raised_pending))
		irq_work_queue(&uoom_notify_irq_work);
}

/* Tracepoint probes: any context, even hard interrupts. */
static void uoom_probe_kswapd(void *data, int nid, int zid, int order,
			      gfp_t gfp_flags)
{
	uoom_notify_raise(UOOM_LEVEL_LOW, UOOM_SOURCE_KSWAPD_WAKE);
}

static void uoom_probe_direct_reclaim(void *data, int order, gfp_t gfp_flags)
{
	uoom_notify_raise(UOOM_LEVEL_MEDIUM, UOOM_SOURCE_DIRECT_RECLAIM);
}

static void uoom_probe_retry(void *data, struct zoneref *zoneref, int order,
			     unsigned long reclaimable, unsigned long available,
			     unsigned long min_wmark, int no_progress_loops,
			     bool wmark_check)
{
	if (no_progress_loops > 0 || !wmark_check)
		uoom_notify_raise(UOOM_LEVEL_CRITICAL, UOOM_SOURCE_RECLAIM_RETRY);
}

static struct uoom_probe uoom_notify_probes[] = {
	{ "mm_vmscan_wakeup_kswapd", uoom_probe_kswapd, "LOW from kswapd is off" },
	{ "mm_vmscan_direct_reclaim_begin", uoom_probe_direct_reclaim,
	  "MEDIUM from direct reclaim is off" },
	{ "reclaim_retry_zone", uoom_probe_retry, "CRITICAL from reclaim retries is off" },
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
 * Context: process context (victim.c's work item).
 */
void uoom_notify_victim(struct pid *victim)
{
	struct pid *old;

	spin_lock(&uoom_notify_victim_lock);
	old = uoom_notify_last_victim;
	uoom_notify_last_victim = get_pid(victim);
	spin_unlock(&uoom_notify_victim_lock);
	put_pid(old);
	atomic_set(&uoom_notify_victim_fresh, 1);
	/*
	 * A pass that takes the OOM count raised below must see the victim
	 * fresh; pairs with the fully ordered xchg()s in uoom_notify_pass().
	 */
	smp_mb();
	uoom_notify_raise(UOOM_LEVEL_OOM, UOOM_SOURCE_MARK_VICTIM);
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
 * @work: uoom_notify_sample_work
 *
 * Runs from load to unload, whether or not a file is open.
 *
 * Context: process context (a work item).
 */
static void uoom_notify_sample_workfn(struct work_struct *work)
{
	uoom_notify_sample();
	schedule_delayed_work(&uoom_notify_sample_work,
			      msecs_to_jiffies(notify_interval_ms));
}

/* Hysteresis: records at or below the last level read wait until then. */
static u64 uoom_notify_due(struct uoom_notify_file *f)
{
	return f->last.read_ns + (u64)f->hysteresis_ms * NSEC_PER_MSEC;
}

/**
 * uoom_notify_deliverable - levels whose records can be read now
 * @f: the file; caller holds f->lock
 * @now: ktime_get_ns()
 *
 * Return: a bit per level with a pending record that hysteresis does not
 * hold back.
 */
static unsigned long uoom_notify_deliverable(struct uoom_notify_file *f, u64 now)
{
	unsigned long held = now < uoom_notify_due(f) ? GENMASK(f->last.level, 0) : 0;

	return f->pending & ~held;
}

/**
 * uoom_notify_wait_ns - how long until @f's held-back records can be read
 * @f: the file; caller holds f->lock
 * @now: ktime_get_ns()
 *
 * Return: nanoseconds until hysteresis lets @f's records out, 0 if @f has
 * no record or one readable now (reading it arms the re-check for the rest).
 */
static u64 uoom_notify_wait_ns(struct uoom_notify_file *f, u64 now)
{
	if (!f->pending || uoom_notify_deliverable(f, now))
		return 0;
	return uoom_notify_due(f) - now;
}

/**
 * uoom_notify_recheck - look at held-back records again in @wait_ns
 * @wait_ns: nanoseconds until the earliest of them can be read
 *
 * Arms uoom_notify_recheck_work unless it is armed to run no later: a
 * re-check is brought forward, never pushed back.  The pass it runs arms the
 * next one, so one armed re-check covers every file.
 *
 * Context: process context.
 */
static void uoom_notify_recheck(u64 wait_ns)
{
	unsigned long delay = nsecs_to_jiffies(wait_ns) + 1;
	unsigned long at = jiffies + delay;

	spin_lock(&uoom_notify_recheck_lock);
	if (!uoom_notify_recheck_armed || time_before(at, uoom_notify_recheck_at)) {
		uoom_notify_recheck_armed = true;
		uoom_notify_recheck_at = at;
		mod_delayed_work(system_wq, &uoom_notify_recheck_work, delay);
	}
	spin_unlock(&uoom_notify_recheck_lock);
}

/**
 * uoom_notify_merge - merge one raised level into @f's record of it
 * @f: the file; caller holds f->lock
 * @level: enum uoom_level
 * @source: enum uoom_source of the latest event
 * @time: its time
 * @count: events raised
 * @victim: for OOM, the victim mark_victim named, or NULL
 * @avail_kb: MemAvailable now
 * @free_kb: free memory now
 *
 * Levels below @f's threshold are ignored.
 */
static void uoom_notify_merge(struct uoom_notify_file *f, u32 level, u32 source,
			      u64 time, long count, struct pid *victim,
			      u64 avail_kb, u64 free_kb)
{
	struct uoom_notify_event *r = &f->rec[level];

	if (level < f->threshold)
		return;
	if (!(f->pending & BIT(level))) {
		memset(r, 0, sizeof(*r));
		r->level = level;
	}
	/* An OOM record that names its victim keeps mark_victim as its source. */
	if (!(level == UOOM_LEVEL_OOM && f->victim))
		r->source = source;
	r->count = min_t(u64, (u64)r->count + count, U32_MAX);
	r->timestamp_ns = max(r->timestamp_ns, time);
	r->mem_available_kb = avail_kb;
	r->free_kb = free_kb;
	if (level == UOOM_LEVEL_OOM && victim) {
		r->source = UOOM_SOURCE_MARK_VICTIM;
		put_pid(f->victim);
		f->victim = get_pid(victim);
	}
	f->pending |= BIT(level);
}

/**
 * uoom_notify_pass - hand raised events to every open file
 *
 * Takes what the probes raised, merges it into each file's records, wakes
 * each file that has a record readable now, and arms the re-check for the
 * earliest file whose records hysteresis holds back.  The two work items may
 * run it at once; each hands out only what it took.
 *
 * Context: process context (a work item).
 */
static void uoom_notify_pass(void)
{
	unsigned long pending = xchg(&uoom_raised_pending, 0);
	u64 avail_kb = (u64)si_mem_available() << (PAGE_SHIFT - 10);
	u64 free_kb = (u64)global_zone_page_state(NR_FREE_PAGES) << (PAGE_SHIFT - 10);
	u64 now = ktime_get_ns(), wait_ns = 0, w;
	struct uoom_notify_file *f;
	struct pid *victim = NULL;
	long count[UOOM_LEVELS];
	u32 level;

	for (level = UOOM_LEVEL_LOW; level < UOOM_LEVELS; level++)
		count[level] = pending & BIT(level) ?
			atomic_long_xchg(&uoom_raised[level].count, 0) : 0;

	/* Only an OOM record carries the victim: leave it for a pass with one. */
	if (count[UOOM_LEVEL_OOM] && atomic_xchg(&uoom_notify_victim_fresh, 0)) {
		spin_lock(&uoom_notify_victim_lock);
		victim = get_pid(uoom_notify_last_victim);
		spin_unlock(&uoom_notify_victim_lock);
	}

	spin_lock(&uoom_notify_files_lock);
	list_for_each_entry(f, &uoom_notify_files, node) {
		bool wake;

		spin_lock(&f->lock);
		for (level = UOOM_LEVEL_LOW; level < UOOM_LEVELS; level++)
			if (count[level])
				uoom_notify_merge(f, level,
						  READ_ONCE(uoom_raised[level].source),
						  READ_ONCE(uoom_raised[level].time),
						  count[level], victim, avail_kb, free_kb);
		wake = uoom_notify_deliverable(f, now);
		w = uoom_notify_wait_ns(f, now);
		spin_unlock(&f->lock);
		if (w && (!wait_ns || w < wait_ns))
			wait_ns = w;
		if (wake)
			wake_up_interruptible_poll(&f->wait, EPOLLIN | EPOLLRDNORM);
	}
	spin_unlock(&uoom_notify_files_lock);
	put_pid(victim);

	if (wait_ns)
		uoom_notify_recheck(wait_ns);
}

/**
 * uoom_notify_workfn - the fan-out: hand out newly raised events
 * @work: uoom_notify_work
 *
 * Context: process context (a work item).
 */
static void uoom_notify_workfn(struct work_struct *work)
{
	uoom_notify_pass();
}

/**
 * uoom_notify_recheck_workfn - a held-back record's hysteresis has passed
 * @work: uoom_notify_recheck_work
 *
 * Context: process context (a work item).
 */
static void uoom_notify_recheck_workfn(struct work_struct *work)
{
	spin_lock(&uoom_notify_recheck_lock);
	uoom_notify_recheck_armed = false;
	spin_unlock(&uoom_notify_recheck_lock);
	uoom_notify_pass();
}

/**
 * uoom_notify_open - open /dev/oom_notify or /dev/oom_notify_critical
 * @inode: the device's inode
 * @file: the new file; private_data is the miscdevice on entry
 *
 * The file starts with no record, threshold LOW (CRITICAL for
 * oom_notify_critical) and the default hysteresis; it gets the events that
 * passes hand out once it is listed.
 *
 * Context: process context.
 * Return: 0 or -ENOMEM.
 */
static int uoom_notify_open(struct inode *inode, struct file *file)
{
	struct miscdevice *dev = file->private_data;
	struct uoom_notify_file *f;

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	init_waitqueue_head(&f->wait);
	spin_lock_init(&f->lock);
	f->threshold = strcmp(dev->name, "oom_notify_critical") ?
		       UOOM_LEVEL_LOW : UOOM_LEVEL_CRITICAL;
	f->hysteresis_ms = UOOM_HYSTERESIS_DEFAULT_MS;
	f->last.swapout = uoom_swapout_pages();
	file->private_data = f;

	spin_lock(&uoom_notify_files_lock);
	list_add_tail(&f->node, &uoom_notify_files);
	spin_unlock(&uoom_notify_files_lock);
	return nonseekable_open(inode, file);
}

/**
 * uoom_notify_release - last close of a file
 * @inode: the device's inode
 * @file: the file
 *
 * Unlinks it from the fan-out and frees it with its records.  A re-check
 * armed for its held-back records finds nothing to do.
 *
 * Context: process context.
 * Return: 0.
 */
static int uoom_notify_release(struct inode *inode, struct file *file)
{
	struct uoom_notify_file *f = file->private_data;

	spin_lock(&uoom_notify_files_lock);
	list_del(&f->node);
	spin_unlock(&uoom_notify_files_lock);
	put_pid(f->victim);
	kfree(f);
	return 0;
}

/* Whether @f has a record readable now; the wait condition of read(2). */
static bool uoom_notify_ready(struct uoom_notify_file *f)
{
	bool ready;

	spin_lock(&f->lock);
	ready = uoom_notify_deliverable(f, ktime_get_ns()) != 0;
	spin_unlock(&f->lock);
	return ready;
}

/**
 * uoom_notify_unread - put back the records a read could not copy out
 * @f: the file
 * @ev: the records, as the read took them
 * @n: how many
 * @victim: the victim taken with the OOM record (the reference is passed
 *	in), or NULL
 * @before: @f->last before the read
 * @reads: @f->reads after it
 *
 * Each record is pending again, merged with what arrived since, and the
 * victim is back unless a newer one came.  If no other read took records in
 * the meantime, @f's hysteresis and swap-out mark are as if the read never
 * happened.  Waiters are woken for what is readable; a re-check is armed
 * for what is held back.
 *
 * Context: process context.
 */
static void uoom_notify_unread(struct uoom_notify_file *f,
			       const struct uoom_notify_event *ev, size_t n,
			       struct pid *victim,
			       const struct uoom_notify_last *before,
			       unsigned long reads)
{
	struct uoom_notify_event *r;
	unsigned long ready;
	u64 now, wait_ns;
	size_t i;

	spin_lock(&f->lock);
	for (i = 0; i < n; i++) {
		if (ev[i].level < f->threshold)
			continue;
		r = &f->rec[ev[i].level];
		if (f->pending & BIT(ev[i].level)) {
			r->count = min_t(u64, (u64)r->count + ev[i].count, U32_MAX);
			r->timestamp_ns = max(r->timestamp_ns, ev[i].timestamp_ns);
		} else {
			*r = ev[i];
			r->swapout_delta = 0;
			r->victim_pid = 0;
			f->pending |= BIT(ev[i].level);
		}
		if (ev[i].level == UOOM_LEVEL_OOM && victim && !f->victim) {
			r->source = UOOM_SOURCE_MARK_VICTIM;
			f->victim = victim;
			victim = NULL;
		}
	}
	if (f->reads == reads)
		f->last = *before;
	now = ktime_get_ns();
	ready = uoom_notify_deliverable(f, now);
	wait_ns = uoom_notify_wait_ns(f, now);
	spin_unlock(&f->lock);
	put_pid(victim);
	if (ready)
		wake_up_interruptible_poll(&f->wait, EPOLLIN | EPOLLRDNORM);
	if (wait_ns)
		uoom_notify_recheck(wait_ns);
}

/**
 * uoom_notify_read - read(2): take the readable records
 * @file: the file
 * @buf: where to
 * @count: room at @buf, at least one record
 * @ppos: unused; the file is not seekable
 *
 * Returns as many whole records as fit, lowest level first; each level's
 * record coalesces every event of that level since it was last read.
 * Blocks until one is readable, unless O_NONBLOCK.  Reading starts the
 * hysteresis of the highest level read; if records stay held back, a
 * re-check is armed for when they are due.  On -EFAULT the records stay
 * pending and the hysteresis is not restarted.
 *
 * Context: process context.
 * Return: bytes read, or -EINVAL (@count below one record), -EAGAIN,
 * -ERESTARTSYS or -EFAULT.
 */
static ssize_t uoom_notify_read(struct file *file, char __user *buf,
				size_t count, loff_t *ppos)
{
	struct uoom_notify_file *f = file->private_data;
	struct uoom_notify_event ev[UOOM_LEVELS];
	struct uoom_notify_last before;
	struct pid *victim = NULL;
	unsigned long ready, reads;
	u64 now, wait_ns;
	size_t n = 0, i;
	long swapout;
	u32 level;
	int ret;

	if (count < sizeof(ev[0]))
		return -EINVAL;
	for (;;) {
		spin_lock(&f->lock);
		now = ktime_get_ns();
		ready = uoom_notify_deliverable(f, now);
		if (ready)
			break;
		spin_unlock(&f->lock);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		ret = wait_event_interruptible(f->wait, uoom_notify_ready(f));
		if (ret)
			return ret;
	}
	before = f->last;
	reads = ++f->reads;
	swapout = uoom_swapout_pages();
	for_each_set_bit(level, &ready, UOOM_LEVELS) {
		if (n == count / sizeof(ev[0]))
			break;
		ev[n] = f->rec[level];
		ev[n].swapout_delta = !n && swapout > before.swapout ?
				      swapout - before.swapout : 0;
		f->pending &= ~BIT(level);
		f->last.level = level;
		if (level == UOOM_LEVEL_OOM) {
			victim = f->victim;
			f->victim = NULL;
		}
		n++;
	}
	f->last.read_ns = now;
	f->last.swapout = swapout;
	wait_ns = uoom_notify_wait_ns(f, now);
	spin_unlock(&f->lock);
	if (wait_ns)
		uoom_notify_recheck(wait_ns);

	for (i = 0; i < n; i++) {
		ev[i].victim_pid = 0;
		if (ev[i].level == UOOM_LEVEL_OOM && victim)
			ev[i].victim_pid = pid_nr_ns(victim, task_active_pid_ns(current));
	}
	if (copy_to_user(buf, ev, n * sizeof(ev[0]))) {
		uoom_notify_unread(f, ev, n, victim, &before, reads);
		return -EFAULT;
	}
	put_pid(victim);
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

	poll_wait(file, &f->wait, wait);
	return uoom_notify_ready(f) ? EPOLLIN | EPOLLRDNORM : 0;
}

/**
 * uoom_notify_ioctl - get or set a file's threshold and hysteresis
 * @file: the file
 * @cmd: UOOM_IOC_NOTIFY_SET_CONFIG or UOOM_IOC_NOTIFY_GET_CONFIG
 * @arg: user pointer to a struct uoom_notify_config
 *
 * Setting drops the records now below the threshold; the new hysteresis
 * applies from the last read.  Waiters are woken if a record became
 * readable, and a re-check is armed if records are held back.
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
	unsigned long ready;
	u64 now, wait_ns;

	switch (cmd) {
	case UOOM_IOC_NOTIFY_SET_CONFIG:
		if (copy_from_user(&cfg, uarg, sizeof(cfg)))
			return -EFAULT;
		if (cfg.threshold < UOOM_LEVEL_LOW || cfg.threshold > UOOM_LEVEL_OOM ||
		    cfg.hysteresis_ms > UOOM_HYSTERESIS_MAX_MS ||
		    cfg.reserved[0] || cfg.reserved[1])
			return -EINVAL;
		spin_lock(&f->lock);
		f->threshold = cfg.threshold;
		f->hysteresis_ms = cfg.hysteresis_ms;
		f->pending &= ~GENMASK(f->threshold - 1, 0);
		now = ktime_get_ns();
		ready = uoom_notify_deliverable(f, now);
		wait_ns = uoom_notify_wait_ns(f, now);
		spin_unlock(&f->lock);
		if (ready)
			wake_up_interruptible_poll(&f->wait, EPOLLIN | EPOLLRDNORM);
		if (wait_ns)
			uoom_notify_recheck(wait_ns);
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
 * devices and the OOM notifier; victim.c no longer calls
 * uoom_notify_victim().  Then nothing raises events after the probes and the
 * sampling work are gone, nothing queues the fan-out after the irq_work, and
 * only the fan-out and the re-check itself arm the re-check.
 *
 * Context: process context.
 */
static void uoom_notify_stop(void)
{
	uoom_probes_detach(uoom_notify_probes, ARRAY_SIZE(uoom_notify_probes));
	cancel_delayed_work_sync(&uoom_notify_sample_work);
	irq_work_sync(&uoom_notify_irq_work);
	cancel_delayed_work_sync(&uoom_notify_work);
	cancel_delayed_work_sync(&uoom_notify_recheck_work);
	uoom_notify_recheck_armed = false;
	put_pid(uoom_notify_last_victim);
	uoom_notify_last_victim = NULL;
}

/**
 * uoom_notify_init - attach the event sources and create the devices
 *
 * A missing tracepoint only loses that source, with a warning.
 *
 * Context: process context, module init.
 * Return: 0 or a negative errno.
 */
int uoom_notify_init(void)
{
	int i, ret;

	uoom_notify_swapout = uoom_swapout_pages();
	ret = uoom_probes_attach(uoom_notify_probes, ARRAY_SIZE(uoom_notify_probes));
	if (ret)
		goto out_stop;
	ret = register_oom_notifier(&uoom_oom_nb);
	if (ret)
		goto out_stop;
	for (i = 0; i < ARRAY_SIZE(uoom_notify_devs); i++) {
		ret = misc_register(&uoom_notify_devs[i]);
		if (ret)
			goto out_devs;
	}
	if (notify_interval_ms)
		schedule_delayed_work(&uoom_notify_sample_work,
				      msecs_to_jiffies(notify_interval_ms));
	return 0;

out_devs:
	while (--i >= 0)
		misc_deregister(&uoom_notify_devs[i]);
	unregister_oom_notifier(&uoom_oom_nb);
out_stop:
	/* Probes already attached may have queued the irq_work and the work. */
	uoom_notify_stop();
	return ret;
}

/**
 * uoom_notify_exit - remove the devices and detach every source
 *
 * Context: process context, module exit; no file of the devices is open.
 * Waits for running probes, the irq_work and the work items.
 */
void uoom_notify_exit(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(uoom_notify_devs); i++)
		misc_deregister(&uoom_notify_devs[i]);
	unregister_oom_notifier(&uoom_oom_nb);
	uoom_notify_stop();
}
