// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/oom: the queue of processes the OOM killer should take first.
 *
 * Read: the queued pids in order, separated by spaces, then a newline, in
 * the reader's pid namespace.  Processes that have exited (zombies
 * included) are not shown.
 *
 * Write: one write(2) replaces the whole queue.  Tokens are separated by
 * white space; each is PID or PID:START, where START is the process start
 * time in clock ticks after boot (field 22 of /proc/PID/stat), which makes
 * the write fail instead of queueing a recycled pid.  A write with no
 * tokens clears the queue.  Only the first write(2) through an open file is
 * taken: a list split over several writes (a buffered writer flushing part
 * of it) has its later parts refused, and a later part never becomes a
 * queue of its own.  On any error the queue is left as it was:
 *
 *   EACCES  (open(2)) the opener is not root: the file mode is 0644
 *   EPERM   the writer lacks CAP_SYS_RESOURCE, or is not in the initial
 *           pid namespace (the queue is the machine's, and a writer in a
 *           child namespace cannot see most of it)
 *   EINVAL  a malformed token, a pid out of range, a duplicate pid, a
 *           write at a non-zero offset or after an earlier write(2) through
 *           the same open file, or a write of exactly max_queue * 32 bytes
 *           that does not end in white space (a list cut at the limit)
 *   ESRCH   no process with that pid, the
 *           pid is a thread but not a thread-group leader, the process has
 *           exited (a zombie), or START does not match it
 *   E2BIG   more than max_queue pids, or more than max_queue * 32 bytes
 *   EFAULT  bad buffer
 *   ENOMEM  out of memory
 *   ESPIPE  pwrite(2): a seq_file has no positioned writes (from the VFS)
 *
 * Entries hold struct pid references, so a recycled pid number is never
 * taken for the process that was queued.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/ctype.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/oom.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/proc_fs.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/threads.h>
#include <linux/time_namespace.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>

#include <trace/events/sched.h>

#include "uoom.h"
#include "uoom_trace.h"

static unsigned int max_queue = 256;
module_param(max_queue, uint, 0444);
MODULE_PARM_DESC(max_queue, "Most pids /proc/oom holds (1-4096, default 256)");

/*
 * The longest token is "4194304:18446744073709551615" (28 bytes), so a list
 * of max_queue tokens and their separators stays below max_queue * 32 bytes.
 */
#define UOOM_TOKEN_BYTES 32

struct uoom_entry {
	struct list_head node;
	struct pid *pid;
};

/*
 * uoom_queue_lock guards the queue and the counters; it is taken in the OOM
 * path, so it never sleeps.  uoom_queue_mutex serialises writers and the
 * advisory boost, which may sleep.
 */
static DEFINE_SPINLOCK(uoom_queue_lock);
static DEFINE_MUTEX(uoom_queue_mutex);
static LIST_HEAD(uoom_queue);
static unsigned int uoom_queue_len;
static unsigned long uoom_kills;
static unsigned long uoom_fallbacks;

/*
 * Advisory mode: the queued process whose oom_score_adj uoom raised, and the
 * value it had.  Written under uoom_queue_mutex; the exit probe reads
 * uoom_boost_pid without it, only to compare.
 */
static struct pid *uoom_boost_pid;
static short uoom_boost_saved;

static void uoom_entries_free(struct list_head *list)
{
	struct uoom_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, list, node) {
		list_del(&e->node);
		put_pid(e->pid);
		kfree(e);
	}
}

/**
 * uoom_process_live - the live process behind a thread-group pid
 * @pid: a thread-group pid
 *
 * A process has exited once every thread has passed the group-dead point of
 * do_exit(), even while it lingers as a zombie until its parent reaps it.
 *
 * Context: rcu_read_lock() held.
 * Return: the thread-group leader, or NULL if the process has exited.
 */
static struct task_struct *uoom_process_live(struct pid *pid)
{
	struct task_struct *task = pid_task(pid, PIDTYPE_TGID);

	return task && atomic_read(&task->signal->live) ? task : NULL;
}

/**
 * uoom_queue_prune - take the entries of exited processes off the queue
 * @dead: where the entries go, for uoom_entries_free() after unlocking
 *
 * Context: uoom_queue_lock and rcu_read_lock() held.
 */
static void uoom_queue_prune(struct list_head *dead)
{
	struct uoom_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, &uoom_queue, node) {
		if (!uoom_process_live(e->pid)) {
			list_move(&e->node, dead);
			uoom_queue_len--;
		}
	}
}

#ifdef CONFIG_OOM_SELECT_HOOK
/**
 * uoom_queue_select - propose the queued processes to the OOM killer
 * @oc: the OOM being handled
 *
 * Proposes queued processes in order until the kernel takes one or aborts.
 * Entries whose process has been reaped are dropped.  A process that is
 * exiting but not yet reaped is proposed: the kernel's own rules decide
 * about it, as they would without the hook.  The kernel may still kill
 * another task than the one it took (a task marked by
 * set_current_oom_origin() goes first) or nobody (a victim is still
 * exiting), so the entry stays queued here; uoom_queue_victim() takes the
 * victim off the queue and counts it.
 *
 * Context: OOM path: oom_lock held, under rcu_read_lock(); does not sleep.
 */
void uoom_queue_select(struct oom_control *oc)
{
	struct uoom_entry *e, *tmp;
	struct task_struct *task;
	LIST_HEAD(dead);

	spin_lock(&uoom_queue_lock);
	list_for_each_entry_safe(e, tmp, &uoom_queue, node) {
		task = pid_task(e->pid, PIDTYPE_TGID);
		if (!task) {
			list_move(&e->node, &dead);
			uoom_queue_len--;
			continue;
		}
		if (oom_select_candidate(oc, task) != OOM_SELECT_NEXT)
			break;
	}
	spin_unlock(&uoom_queue_lock);

	uoom_entries_free(&dead);
}
#endif

static void uoom_queue_readvise_workfn(struct work_struct *work);
static DECLARE_WORK(uoom_queue_readvise_work, uoom_queue_readvise_workfn);

/**
 * uoom_queue_advise - move the advisory boost to the head of the queue
 * @restore_only: only give the boosted process its value back (module exit)
 *
 * Advisory mode keeps the oom_score_adj of the first queued process that is
 * live, not exiting and not protected (at OOM_SCORE_ADJ_MIN) at
 * OOM_SCORE_ADJ_MAX, and remembers the value it had.  When the head changes,
 * the process boosted before gets its value back, unless its oom_score_adj
 * is no longer OOM_SCORE_ADJ_MAX: whoever changed it since (a protection,
 * the process itself) keeps the change.
 *
 * Runs after a write, after an OOM victim, when the boosted process exits
 * or is protected (uoom_queue_readvise_work), and at module exit.  Raises
 * nothing in hooked mode.
 *
 * Context: process context, uoom_queue_mutex held.
 */
static void uoom_queue_advise(bool restore_only)
{
	struct task_struct *task;
	struct pid *head = NULL;
	struct uoom_entry *e;

	lockdep_assert_held(&uoom_queue_mutex);
	if (!restore_only && uoom_mode == UOOM_ADVISORY) {
		spin_lock(&uoom_queue_lock);
		rcu_read_lock();
		list_for_each_entry(e, &uoom_queue, node) {
			task = uoom_process_live(e->pid);
			if (!task || uoom_task_exiting(task) ||
			    uoom_adj_get(task) == OOM_SCORE_ADJ_MIN)
				continue;
			head = get_pid(e->pid);
			break;
		}
		rcu_read_unlock();
		spin_unlock(&uoom_queue_lock);
	}

	if (head && head == uoom_boost_pid) {
		put_pid(head);
		return;
	}

	if (uoom_boost_pid) {
		task = get_pid_task(uoom_boost_pid, PIDTYPE_TGID);
		/* Leave it alone if someone else has changed it since. */
		if (task)
			uoom_adj_restore(task, OOM_SCORE_ADJ_MAX, uoom_boost_saved,
					 UOOM_ADJ_UNBOOST);
		if (task)
			put_task_struct(task);
		put_pid(uoom_boost_pid);
		WRITE_ONCE(uoom_boost_pid, NULL);
	}

	if (!head)
		return;
	task = get_pid_task(head, PIDTYPE_TGID);
	if (!task) {
		put_pid(head);
		return;
	}
	uoom_boost_saved = uoom_adj_get(task);
	uoom_adj_set(task, OOM_SCORE_ADJ_MAX, UOOM_ADJ_BOOST);
	WRITE_ONCE(uoom_boost_pid, head);
	/*
	 * Pairs with atomic_dec_and_test(&signal->live) in do_exit(): either
	 * the exit probe sees the new head, or this sees that it has exited.
	 */
	smp_mb();
	if (!atomic_read(&task->signal->live))
		schedule_work(&uoom_queue_readvise_work);
	put_task_struct(task);
}

static void uoom_queue_readvise_workfn(struct work_struct *work)
{
	mutex_lock(&uoom_queue_mutex);
	uoom_queue_advise(false);
	mutex_unlock(&uoom_queue_mutex);
}

/**
 * uoom_probe_sched_process_exit - a thread is exiting (sched_process_exit)
 * @data: unused
 * @task: the exiting thread
 *
 * When the last thread of the boosted process exits, the boost moves on to
 * the next queued process; the work item does it, as this may be atomic.
 * Every thread exit in the system comes here, so it only compares.
 *
 * Context: do_exit() of @task, after its group-dead point; preemption off.
 */
static void uoom_probe_sched_process_exit(void *data, struct task_struct *task)
{
	if (task_tgid(task) == READ_ONCE(uoom_boost_pid) &&
	    !atomic_read(&task->signal->live))
		schedule_work(&uoom_queue_readvise_work);
}

static struct uoom_probe uoom_exit_probe =
	UOOM_PROBE(sched_process_exit, "an exited head keeps the boost");

/**
 * uoom_queue_protect - hand a process over from the advisory boost to protection
 * @task: the process protect.c is about to protect
 * @why: UOOM_ADJ_PROTECT or UOOM_ADJ_HOLD, for uoom:uoom_adj_change
 *
 * Sets @task's oom_score_adj to OOM_SCORE_ADJ_MIN under uoom_queue_mutex, so
 * the boost cannot raise it once this returns.  If @task is the boosted
 * process, the boost lets go of it without restoring, and the value the
 * boost saved is the one protection must save: unprotecting then restores
 * the value from before the boost.  The boost moves to the next entry.
 *
 * Context: process context; uoom_protect_lock held (it nests outside
 * uoom_queue_mutex), and the caller protects @task without fail after this.
 * Return: the oom_score_adj @task had before uoom raised it, or its current
 * value if uoom did not raise it.
 */
short uoom_queue_protect(struct task_struct *task, enum uoom_adj_why why)
{
	short adj;

	mutex_lock(&uoom_queue_mutex);
	adj = uoom_adj_get(task);
	if (uoom_boost_pid && uoom_boost_pid == task_tgid(task)) {
		if (adj == OOM_SCORE_ADJ_MAX)
			adj = uoom_boost_saved;
		put_pid(uoom_boost_pid);
		WRITE_ONCE(uoom_boost_pid, NULL);
		schedule_work(&uoom_queue_readvise_work);
	}
	uoom_adj_set(task, OOM_SCORE_ADJ_MIN, why);
	mutex_unlock(&uoom_queue_mutex);
	return adj;
}

/**
 * uoom_queue_victim - account an OOM victim
 * @victim: the victim's thread-group pid
 *
 * A queued victim counts as a kill taken from the queue and any other
 * victim as a fallback.  In hooked mode the victim's entry leaves the
 * queue; in advisory mode the boost moves on to the next live entry.
 *
 * Context: process context.
 */
void uoom_queue_victim(struct pid *victim)
{
	struct uoom_entry *e, *found = NULL;

	mutex_lock(&uoom_queue_mutex);
	spin_lock(&uoom_queue_lock);
	list_for_each_entry(e, &uoom_queue, node) {
		if (e->pid == victim) {
			found = e;
			break;
		}
	}
	if (found)
		uoom_kills++;
	else
		uoom_fallbacks++;
	if (found && uoom_mode == UOOM_HOOKED) {
		list_del(&found->node);
		uoom_queue_len--;
	} else {
		found = NULL;
	}
	spin_unlock(&uoom_queue_lock);
	uoom_queue_advise(false);
	mutex_unlock(&uoom_queue_mutex);

	if (found) {
		put_pid(found->pid);
		kfree(found);
	}
}

/**
 * uoom_parse_token - resolve one token of a write to /proc/oom
 * @tok: "PID" or "PID:START", NUL-terminated; the ':' is overwritten
 *
 * PID is looked up in the writer's pid namespace and must name a live
 * process (a thread-group leader that has not exited).  START, if given,
 * must equal the process start time as field 22 of /proc/PID/stat shows it.
 *
 * Context: process context.
 * Return: a referenced struct pid; ERR_PTR(-EINVAL) for a malformed token
 * or a pid outside 1..PID_MAX_LIMIT; ERR_PTR(-ESRCH) if there is no such
 * live process or START does not match.
 */
static struct pid *uoom_parse_token(char *tok)
{
	struct task_struct *task;
	char *start = strchr(tok, ':');
	u64 want, ticks;
	struct pid *pid;
	bool live;
	int nr;

	if (start)
		*start++ = '\0';
	if (kstrtoint(tok, 10, &nr) || nr <= 0 || nr > PID_MAX_LIMIT)
		return ERR_PTR(-EINVAL);
	if (start && kstrtou64(start, 10, &want))
		return ERR_PTR(-EINVAL);

	pid = find_get_pid(nr);
	if (!pid)
		return ERR_PTR(-ESRCH);
	task = get_pid_task(pid, PIDTYPE_TGID);
	if (!task) {
		put_pid(pid);
		return ERR_PTR(-ESRCH);
	}
	live = atomic_read(&task->signal->live);
	/* Same clock as field 22 of /proc/PID/stat. */
	ticks = div_u64(timens_add_boottime_ns(task->start_boottime),
			NSEC_PER_SEC / USER_HZ);
	put_task_struct(task);
	if (!live || (start && ticks != want)) {
		put_pid(pid);
		return ERR_PTR(-ESRCH);
	}
	return pid;
}

/**
 * uoom_queue_parse - turn the text of one write into a list of entries
 * @buf: the text, NUL-terminated; strsep() cuts it up
 * @list: empty list that receives the entries, in order
 * @len: the number of entries on return
 *
 * On error @list keeps the entries made so far; the caller frees them with
 * uoom_entries_free().
 *
 * Context: process context; allocates with GFP_KERNEL.
 * Return: 0; -E2BIG for more than max_queue tokens; -EINVAL for the same
 * process twice; -ENOMEM; or the error of uoom_parse_token().
 */
static int uoom_queue_parse(char *buf, struct list_head *list,
			    unsigned int *len)
{
	struct uoom_entry *e, *n;
	struct pid *pid;
	char *tok;

	*len = 0;
	while ((tok = strsep(&buf, " \t\n"))) {
		if (!*tok)
			continue;
		if (*len == max_queue)
			return -E2BIG;
		pid = uoom_parse_token(tok);
		if (IS_ERR(pid))
			return PTR_ERR(pid);
		list_for_each_entry(n, list, node) {
			if (n->pid == pid) {
				put_pid(pid);
				return -EINVAL;
			}
		}
		e = kmalloc(sizeof(*e), GFP_KERNEL);
		if (!e) {
			put_pid(pid);
			return -ENOMEM;
		}
		e->pid = pid;
		list_add_tail(&e->node, list);
		(*len)++;
	}
	return 0;
}

/**
 * uoom_queue_write - replace the queue (write(2) on /proc/oom)
 * @file: the open /proc/oom
 * @ubuf: the list, see the top of this file
 * @count: its length
 * @ppos: the file offset
 *
 * Only the first write(2) through an open file is taken; it marks the file
 * by setting its seq_file's private field (which uoom_queue_show() does not
 * use), whether it succeeds or not.  A buffered writer that splits a long
 * list thus gets EINVAL for every later part, and no later part (which may
 * start in the middle of a token) is ever taken for a list of its own.  The
 * first part, if valid, has replaced the queue by then: a list must be
 * written in one write(2).
 *
 * Context: process context.
 * Return: @count, with *@ppos advanced by it, or a negative errno with the
 * queue unchanged (the list at the top of this file).
 */
static ssize_t uoom_queue_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	size_t limit = (size_t)max_queue * UOOM_TOKEN_BYTES;
	struct seq_file *m = file->private_data;
	LIST_HEAD(entries);
	LIST_HEAD(old);
	unsigned int len;
	char *buf;
	int ret;

	if (!capable(CAP_SYS_RESOURCE))
		return -EPERM;
	/* A writer in a child pid namespace would replace what it cannot see. */
	if (task_active_pid_ns(current) != &init_pid_ns)
		return -EPERM;
	if (*ppos || cmpxchg(&m->private, NULL, file))
		return -EINVAL;
	if (count > limit)
		return -E2BIG;

	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	/* No valid list is this long: the writer cut it at the limit. */
	if (count == limit && !isspace(buf[count - 1]))
		ret = -EINVAL;
	else
		ret = uoom_queue_parse(buf, &entries, &len);
	kfree(buf);
	if (ret) {
		uoom_entries_free(&entries);
		return ret;
	}

	mutex_lock(&uoom_queue_mutex);
	spin_lock(&uoom_queue_lock);
	list_splice_init(&uoom_queue, &old);
	list_splice_init(&entries, &uoom_queue);
	uoom_queue_len = len;
	spin_unlock(&uoom_queue_lock);
	trace_uoom_queue_replace(len);
	uoom_queue_advise(false);
	mutex_unlock(&uoom_queue_mutex);

	uoom_entries_free(&old);
	*ppos += count;
	return count;
}

static int uoom_queue_show(struct seq_file *m, void *v)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct uoom_entry *e;
	bool first = true;
	pid_t nr;

	spin_lock(&uoom_queue_lock);
	rcu_read_lock();
	list_for_each_entry(e, &uoom_queue, node) {
		nr = pid_nr_ns(e->pid, ns);
		if (!nr || !uoom_process_live(e->pid))
			continue;
		seq_printf(m, first ? "%d" : " %d", nr);
		first = false;
	}
	rcu_read_unlock();
	spin_unlock(&uoom_queue_lock);
	seq_putc(m, '\n');
	return 0;
}

static int uoom_queue_open(struct inode *inode, struct file *file)
{
	/* private starts NULL: not written through yet (uoom_queue_write()). */
	return single_open(file, uoom_queue_show, NULL);
}

static const struct proc_ops uoom_queue_ops = {
	.proc_open = uoom_queue_open,
	.proc_read = seq_read,
	.proc_write = uoom_queue_write,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

/**
 * uoom_queue_show_status - the queue's lines of /proc/oom_status
 * @m: the status file
 *
 * Drops the entries of exited processes first, so queue_length counts
 * live processes only, as /proc/oom shows them.
 *
 * Context: process context.
 */
void uoom_queue_show_status(struct seq_file *m)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	unsigned long kills, fallbacks;
	unsigned int len;
	LIST_HEAD(dead);

	spin_lock(&uoom_queue_lock);
	rcu_read_lock();
	uoom_queue_prune(&dead);
	rcu_read_unlock();
	len = uoom_queue_len;
	kills = uoom_kills;
	fallbacks = uoom_fallbacks;
	spin_unlock(&uoom_queue_lock);
	uoom_entries_free(&dead);

	seq_printf(m, "queue_length: %u\n", len);
	seq_printf(m, "queue_max: %u\n", max_queue);
	seq_printf(m, "kills: %lu\n", kills);
	seq_printf(m, "fallbacks: %lu\n", fallbacks);
	if (uoom_mode != UOOM_ADVISORY)
		return;
	mutex_lock(&uoom_queue_mutex);
	if (uoom_boost_pid && pid_nr_ns(uoom_boost_pid, ns)) {
		seq_printf(m, "advisory_head: %d\n", pid_nr_ns(uoom_boost_pid, ns));
		seq_printf(m, "advisory_saved_adj: %d\n", uoom_boost_saved);
	} else {
		seq_puts(m, "advisory_head: none\n");
	}
	mutex_unlock(&uoom_queue_mutex);
}

/**
 * uoom_queue_init - check the parameters and, in advisory mode, follow exits
 *
 * Call after the mode is decided and before uoom_queue_proc_init().  A
 * kernel without the sched_process_exit tracepoint only loses the boost's
 * move to the next entry when the boosted process exits.
 *
 * Context: process context, module init.
 * Return: 0, -EINVAL if max_queue is out of range, or the error of
 * tracepoint_probe_register().
 */
int uoom_queue_init(void)
{
	if (!max_queue || max_queue > 4096) {
		pr_err("max_queue must be 1 to 4096\n");
		return -EINVAL;
	}
	if (uoom_mode != UOOM_ADVISORY)
		return 0;
	return uoom_probes_attach(&uoom_exit_probe, 1);
}

/**
 * uoom_queue_proc_init - create /proc/oom
 *
 * Context: process context, module init, after uoom_queue_init().
 * Return: 0, or -ENOMEM if the proc entry could not be created.
 */
int uoom_queue_proc_init(void)
{
	if (!proc_create("oom", 0644, NULL, &uoom_queue_ops))
		return -ENOMEM;
	return 0;
}

/**
 * uoom_queue_proc_exit - remove /proc/oom
 *
 * Context: process context; waits for running reads and writes.
 */
void uoom_queue_proc_exit(void)
{
	remove_proc_entry("oom", NULL);
}

/**
 * uoom_queue_exit - stop following exits, restore any boosted
 * oom_score_adj and free the queue
 *
 * Context: process context, module exit or a failed init, once
 * /proc/oom, protect.c and victim.c's work are gone.  The OOM hook may still
 * be registered: uoom_queue_select() then finds the queue empty.
 */
void uoom_queue_exit(void)
{
	LIST_HEAD(old);

	uoom_probes_detach(&uoom_exit_probe, 1);
	cancel_work_sync(&uoom_queue_readvise_work);
	mutex_lock(&uoom_queue_mutex);
	uoom_queue_advise(true);
	spin_lock(&uoom_queue_lock);
	list_splice_init(&uoom_queue, &old);
	uoom_queue_len = 0;
	spin_unlock(&uoom_queue_lock);
	mutex_unlock(&uoom_queue_mutex);
	uoom_entries_free(&old);
}
