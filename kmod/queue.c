// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/oom: the queue of processes the OOM killer should take first.
 *
 * Read: the queued pids in order, separated by spaces, then a newline, in
 * the reader's pid namespace.  Processes that have exited are not shown.
 *
 * Write: one write(2) replaces the whole queue.  Tokens are separated by
 * white space; each is PID or PID:START, where START is the process start
 * time in clock ticks after boot (field 22 of /proc/PID/stat), which makes
 * the write fail instead of queueing a recycled pid.  A write with no
 * tokens clears the queue.  On any error the queue is left as it was:
 *
 *   EPERM   the writer lacks CAP_SYS_RESOURCE
 *   EINVAL  a malformed token, a pid out of range, a duplicate pid, or a
 *           write at a non-zero offset
 *   ESRCH   no process with that pid in the writer's pid namespace, or
 *           START does not match it
 *   E2BIG   more than max_queue pids, or more than max_queue * 32 bytes
 *   EFAULT  bad buffer
 *   ENOMEM  out of memory
 *
 * Entries hold struct pid references, so a recycled pid number is never
 * taken for the process that was queued.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/oom.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/proc_fs.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/threads.h>
#include <linux/time_namespace.h>
#include <linux/uaccess.h>

#include "uoom.h"

static unsigned int max_queue = 256;
module_param(max_queue, uint, 0444);
MODULE_PARM_DESC(max_queue, "Most pids /proc/oom holds (1-4096, default 256)");

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

/* Advisory mode: the queued process whose oom_score_adj uoom raised. */
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

/* Context: uoom_queue_lock and rcu_read_lock() held.  Drops exited entries. */
static void uoom_queue_prune(struct list_head *dead)
{
	struct uoom_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, &uoom_queue, node) {
		if (!pid_task(e->pid, PIDTYPE_TGID)) {
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
 * The one taken leaves the queue; entries whose process has exited are
 * dropped.
 *
 * Context: OOM path: oom_lock held, under rcu_read_lock(); does not sleep.
 */
void uoom_queue_select(struct oom_control *oc)
{
	enum oom_task_eligibility verdict;
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
		verdict = oom_select_candidate(oc, task);
		if (verdict == OOM_TASK_SKIP)
			continue;
		if (verdict == OOM_TASK_ELIGIBLE) {
			list_move(&e->node, &dead);
			uoom_queue_len--;
			uoom_kills++;
		}
		break;
	}
	if (!oc->chosen)
		uoom_fallbacks++;
	spin_unlock(&uoom_queue_lock);

	uoom_entries_free(&dead);
}
#endif

/*
 * Advisory mode: keep oom_score_adj of the first live queued process at
 * OOM_SCORE_ADJ_MAX, and give the previous one its value back.  A process
 * at OOM_SCORE_ADJ_MIN (protected) is never raised.
 *
 * Context: process context, uoom_queue_mutex held.
 */
static void uoom_queue_advise(bool restore_only)
{
	struct task_struct *task;
	struct pid *head = NULL;
	struct uoom_entry *e;

	lockdep_assert_held(&uoom_queue_mutex);
	if (uoom_mode != UOOM_ADVISORY)
		return;

	if (!restore_only) {
		spin_lock(&uoom_queue_lock);
		rcu_read_lock();
		list_for_each_entry(e, &uoom_queue, node) {
			task = pid_task(e->pid, PIDTYPE_TGID);
			if (!task || uoom_task_exiting(task) ||
			    (e->pid != uoom_boost_pid &&
			     uoom_adj_get(task) == OOM_SCORE_ADJ_MIN))
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
		if (task && uoom_adj_get(task) == OOM_SCORE_ADJ_MAX)
			uoom_adj_set(task, uoom_boost_saved);
		if (task)
			put_task_struct(task);
		put_pid(uoom_boost_pid);
		uoom_boost_pid = NULL;
	}

	if (!head)
		return;
	task = get_pid_task(head, PIDTYPE_TGID);
	if (!task) {
		put_pid(head);
		return;
	}
	uoom_boost_saved = uoom_adj_get(task);
	uoom_adj_set(task, OOM_SCORE_ADJ_MAX);
	put_task_struct(task);
	uoom_boost_pid = head;
}

/**
 * uoom_queue_victim - account an OOM victim chosen by the kernel
 * @victim: the victim's thread-group pid
 *
 * In advisory mode a queued victim counts as a kill taken from the queue
 * and any other victim as a fallback; the boost then moves on to the next
 * live entry.  Hooked mode counts in uoom_queue_select() instead.
 *
 * Context: process context.
 */
void uoom_queue_victim(struct pid *victim)
{
	struct uoom_entry *e;
	bool queued = false;

	if (uoom_mode != UOOM_ADVISORY)
		return;

	mutex_lock(&uoom_queue_mutex);
	spin_lock(&uoom_queue_lock);
	list_for_each_entry(e, &uoom_queue, node)
		queued |= e->pid == victim;
	if (queued)
		uoom_kills++;
	else
		uoom_fallbacks++;
	spin_unlock(&uoom_queue_lock);
	uoom_queue_advise(false);
	mutex_unlock(&uoom_queue_mutex);
}

/*
 * Parse one token, PID or PID:START, into a referenced struct pid of a live
 * process in the caller's pid namespace.
 */
static struct pid *uoom_parse_token(char *tok)
{
	struct task_struct *task;
	char *start = strchr(tok, ':');
	u64 want, ticks;
	struct pid *pid;
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
	/* Same clock as field 22 of /proc/PID/stat. */
	ticks = div_u64(timens_add_boottime_ns(task->start_boottime),
			NSEC_PER_SEC / USER_HZ);
	put_task_struct(task);
	if (start && ticks != want) {
		put_pid(pid);
		return ERR_PTR(-ESRCH);
	}
	return pid;
}

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

static ssize_t uoom_queue_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	LIST_HEAD(entries);
	LIST_HEAD(old);
	unsigned int len;
	char *buf;
	int ret;

	if (!capable(CAP_SYS_RESOURCE))
		return -EPERM;
	if (*ppos)
		return -EINVAL;
	if (count > (size_t)max_queue * UOOM_TOKEN_BYTES)
		return -E2BIG;

	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
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
	uoom_queue_advise(false);
	mutex_unlock(&uoom_queue_mutex);

	uoom_entries_free(&old);
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
		if (!nr || !pid_task(e->pid, PIDTYPE_TGID))
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
 * uoom_queue_init - create /proc/oom
 *
 * Context: process context, module init.
 * Return: 0, -EINVAL if max_queue is out of range, or -ENOMEM.
 */
int uoom_queue_init(void)
{
	if (!max_queue || max_queue > 4096) {
		pr_err("max_queue must be 1 to 4096\n");
		return -EINVAL;
	}
	if (!proc_create("oom", 0644, NULL, &uoom_queue_ops))
		return -ENOMEM;
	return 0;
}

/**
 * uoom_queue_exit - remove /proc/oom, restore any boosted oom_score_adj and
 * free the queue
 *
 * Context: process context, module exit, after the OOM hook is gone.
 */
void uoom_queue_exit(void)
{
	LIST_HEAD(old);

	remove_proc_entry("oom", NULL);
	mutex_lock(&uoom_queue_mutex);
	uoom_queue_advise(true);
	spin_lock(&uoom_queue_lock);
	list_splice_init(&uoom_queue, &old);
	uoom_queue_len = 0;
	spin_unlock(&uoom_queue_lock);
	mutex_unlock(&uoom_queue_mutex);
	uoom_entries_free(&old);
}
