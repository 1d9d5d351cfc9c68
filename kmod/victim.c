// SPDX-License-Identifier: GPL-2.0
/*
 * Follow the OOM killer's victims through the mark_victim tracepoint, which
 * stock kernels have as well.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include <trace/events/oom.h>

#include "uoom.h"

/*
 * Victims the work item has not handed on yet, oldest first.  OOM kills are
 * rare and the work runs within milliseconds, so a few slots suffice; when
 * they are full the oldest victim is dropped, and in advisory mode it is
 * then counted neither as a kill nor as a fallback.
 */
#define UOOM_VICTIM_PENDING 16

/* Guards the fields below; taken in the probe, under the victim's task_lock. */
static DEFINE_SPINLOCK(uoom_victim_lock);
static struct pid *uoom_victim_last;
static char uoom_victim_comm[TASK_COMM_LEN];
static unsigned long uoom_victim_count;
static struct pid *uoom_victim_pending[UOOM_VICTIM_PENDING];
static unsigned int uoom_victim_first;
static unsigned int uoom_victim_npending;

/**
 * uoom_victim_workfn - hand each pending victim to the queue and to notify
 * @work: uoom_victim_work
 *
 * In order, so that uoom_notify_victim() ends with the latest victim.
 *
 * Context: process context (uoom_wq).
 */
static void uoom_victim_workfn(struct work_struct *work)
{
	struct pid *pids[UOOM_VICTIM_PENDING];
	unsigned int i, n;

	spin_lock(&uoom_victim_lock);
	n = uoom_victim_npending;
	for (i = 0; i < n; i++) {
		pids[i] = uoom_victim_pending[uoom_victim_first];
		uoom_victim_pending[uoom_victim_first] = NULL;
		uoom_victim_first = (uoom_victim_first + 1) % UOOM_VICTIM_PENDING;
	}
	uoom_victim_npending = 0;
	spin_unlock(&uoom_victim_lock);

	for (i = 0; i < n; i++) {
		uoom_queue_victim(pids[i]);
		uoom_notify_victim(pids[i]);
		put_pid(pids[i]);
	}
}

static DECLARE_WORK(uoom_victim_work, uoom_victim_workfn);

/**
 * uoom_probe_mark_victim - the OOM killer marked a victim (mark_victim)
 * @data: unused
 * @task: the victim
 * @uid: its uid
 *
 * Records the victim for /proc/oom_status and queues it for the work item,
 * dropping the oldest pending victim if UOOM_VICTIM_PENDING are waiting.
 *
 * Context: mark_oom_victim(): oom_lock and the victim's task_lock held.
 */
static void uoom_probe_mark_victim(void *data, struct task_struct *task,
				   uid_t uid)
{
	struct pid *pid = task_tgid(task);
	struct pid *old, *dropped = NULL;
	unsigned int slot;

	spin_lock(&uoom_victim_lock);
	old = uoom_victim_last;
	uoom_victim_last = get_pid(pid);
	if (uoom_victim_npending == UOOM_VICTIM_PENDING) {
		dropped = uoom_victim_pending[uoom_victim_first];
		uoom_victim_first = (uoom_victim_first + 1) % UOOM_VICTIM_PENDING;
		uoom_victim_npending--;
	}
	slot = (uoom_victim_first + uoom_victim_npending) % UOOM_VICTIM_PENDING;
	uoom_victim_pending[slot] = get_pid(pid);
	uoom_victim_npending++;
	strscpy_pad(uoom_victim_comm, task->comm);
	uoom_victim_count++;
	spin_unlock(&uoom_victim_lock);

	put_pid(old);
	put_pid(dropped);
	queue_work(uoom_wq, &uoom_victim_work);
}

static struct uoom_probe uoom_victim_probe =
	UOOM_PROBE(mark_victim, "OOM victims are not followed");

/**
 * uoom_victim_show_status - the victim lines of /proc/oom_status
 * @m: the status file
 *
 * Context: process context.
 */
void uoom_victim_show_status(struct seq_file *m)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	char comm[TASK_COMM_LEN];
	unsigned long count;
	pid_t nr = 0;

	spin_lock(&uoom_victim_lock);
	count = uoom_victim_count;
	if (uoom_victim_last)
		nr = pid_nr_ns(uoom_victim_last, ns);
	strscpy(comm, uoom_victim_comm);
	spin_unlock(&uoom_victim_lock);

	if (!uoom_victim_probe.tp) {
		seq_puts(m, "oom_victims: unknown\nlast_victim: unknown\n");
		return;
	}
	seq_printf(m, "oom_victims: %lu\n", count);
	if (nr)
		seq_printf(m, "last_victim: %d %s\n", nr, comm);
	else
		seq_puts(m, "last_victim: none\n");
}

/**
 * uoom_victim_init - attach to the mark_victim tracepoint
 *
 * A kernel without the tracepoint only loses the victim lines of
 * /proc/oom_status and the advisory boost's move to the next entry.
 *
 * Context: process context, module init.
 * Return: 0, or the error of tracepoint_probe_register().
 */
int uoom_victim_init(void)
{
	return uoom_probes_attach(&uoom_victim_probe, 1);
}

/**
 * uoom_victim_exit - detach from the tracepoint and drop the saved victims
 *
 * Context: process context, module exit; waits for running probes and work.
 */
void uoom_victim_exit(void)
{
	uoom_probes_detach(&uoom_victim_probe, 1);
	cancel_work_sync(&uoom_victim_work);
	put_pid(uoom_victim_last);
	uoom_victim_last = NULL;
	while (uoom_victim_npending) {
		put_pid(uoom_victim_pending[uoom_victim_first]);
		uoom_victim_pending[uoom_victim_first] = NULL;
		uoom_victim_first = (uoom_victim_first + 1) % UOOM_VICTIM_PENDING;
		uoom_victim_npending--;
	}
}
