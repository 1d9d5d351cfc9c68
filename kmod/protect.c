// SPDX-License-Identifier: GPL-2.0
/*
 * OOM kill protection: /dev/oom_protect and /proc/oom_kill_protection/.
 *
 * A protected process has oom_score_adj OOM_SCORE_ADJ_MIN, which every OOM
 * path (and the queue hook) treats as unkillable.  uoom keeps a record per
 * process it protected: a struct pid reference and the oom_score_adj it had
 * before, which unprotect, the holder's last close and module unload
 * restore.  A record whose process exited or left OOM_SCORE_ADJ_MIN behind
 * uoom's back is dropped, and nothing is written for it.  Children forked
 * after protection inherit the value (the kernel copies it at fork); they
 * are shown as "inherited", and when the record they inherited from ends
 * they get its saved value back, unless their value changed since.
 *
 * Errors, with nothing changed:
 *   EPERM   protecting, or unprotecting another process, without
 *           CAP_SYS_RESOURCE (the caller's and the opener's), or another
 *           user's process without the opener's CAP_DAC_OVERRIDE: the
 *           rules of /proc/PID/oom_score_adj
 *   EACCES  opening ctl as other than root (mode 0200; the VFS says so)
 *   ESRCH   no such process in the caller's pid namespace, or it is exiting
 *           (the process, not only its main thread)
 *   EBADF   the pidfd is not an open pidfd
 *   EINVAL  malformed ctl line, bad ioctl argument, unknown flags,
 *           non-zero reserved field (or, to set, a non-zero output field),
 *           a ctl write at a non-zero offset
 *   EBUSY   a held protect of a process another file holds
 *   ENOTTY  unknown ioctl
 *   EFAULT  bad user pointer
 *   ENOMEM  out of memory
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/magic.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/oom.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/proc_fs.h>
#include <linux/rcupdate.h>
#include <linux/sched/coredump.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/threads.h>
#include <linux/uaccess.h>
#include <linux/uoom.h>

#include "uoom.h"

#define UOOM_CTL_MAX 64
#define UOOM_ANCESTRY_MAX 64

/**
 * struct uoom_protection - a process uoom protected
 * @node: in uoom_protections
 * @pid: the thread group's pid
 * @saved_adj: oom_score_adj to restore on unprotect
 * @since: CLOCK_MONOTONIC time of protection, as task->start_time
 * @holder: the open /dev/oom_protect file holding it, or NULL if permanent
 * @ending: marked for uoom_protections_end_marked()
 */
struct uoom_protection {
	struct list_head node;
	struct pid *pid;
	short saved_adj;
	u64 since;
	struct file *holder;
	bool ending;
};

/* Guards uoom_protections; never taken in the OOM path. */
static DEFINE_MUTEX(uoom_protect_lock);
static LIST_HEAD(uoom_protections);
static struct proc_dir_entry *uoom_protect_dir;

static struct uoom_protection *uoom_protection_find(struct pid *pid)
{
	struct uoom_protection *p;

	list_for_each_entry(p, &uoom_protections, node)
		if (p->pid == pid)
			return p;
	return NULL;
}

static void uoom_protection_free(struct uoom_protection *p)
{
	list_del(&p->node);
	put_pid(p->pid);
	kfree(p);
}

/*
 * Drop records of processes that exited or left OOM_SCORE_ADJ_MIN; write
 * nothing.  Exit is the process's, not its main thread's: see
 * uoom_task_exiting().
 */
static void uoom_protections_prune(void)
{
	struct uoom_protection *p, *tmp;
	struct task_struct *task;
	bool live;

	lockdep_assert_held(&uoom_protect_lock);
	list_for_each_entry_safe(p, tmp, &uoom_protections, node) {
		rcu_read_lock();
		task = pid_task(p->pid, PIDTYPE_TGID);
		live = task && !uoom_task_exiting(task) &&
		       uoom_adj_get(task) == OOM_SCORE_ADJ_MIN;
		rcu_read_unlock();
		if (!live)
			uoom_protection_free(p);
	}
}

/**
 * uoom_protection_inherited - the record @task's protection came from
 * @task: a process at OOM_SCORE_ADJ_MIN
 *
 * Follows real_parent up to UOOM_ANCESTRY_MAX generations, to the nearest
 * ancestor whose record was made before its child on the path was forked
 * (so the value flowed down by fork).  A record made later is passed over.
 * The record of @task itself is not considered.
 *
 * Context: uoom_protect_lock and rcu_read_lock() held.
 * Return: that record, or NULL.
 */
static struct uoom_protection *uoom_protection_inherited(struct task_struct *task)
{
	struct task_struct *child = task, *t = task;
	struct uoom_protection *p;
	int depth;

	for (depth = 0; depth < UOOM_ANCESTRY_MAX; depth++) {
		t = rcu_dereference(t->real_parent);
		if (!t || t == &init_task)
			break;
		p = uoom_protection_find(task_tgid(t));
		if (p && p->since <= child->group_leader->start_time)
			return p;
		if (is_global_init(t))
			break;
		child = t;
	}
	return NULL;
}

/**
 * uoom_protections_end_marked - end the records marked @ending
 * @why: UOOM_ADJ_UNPROTECT, UOOM_ADJ_RELEASE or UOOM_ADJ_UNLOAD, for
 *       uoom:uoom_adj_change
 *
 * Each marked record's process, and every process that inherited its
 * protection from it (uoom_protection_inherited()), gets the saved value
 * back if it is still at OOM_SCORE_ADJ_MIN; a value changed since is left
 * alone.  The protected process goes first, so that what it forks from then
 * on copies the restored value.  Then the records are freed.
 *
 * A child forked concurrently, which copied OOM_SCORE_ADJ_MIN but is not
 * yet on the task list, is missed, as it would be by a write to
 * /proc/<pid>/oom_score_adj.
 *
 * The records' own processes are restored with uoom_adj_restore() (on a
 * patched kernel with their mm's sharers, under oom_adj_mutex); the
 * inheriting processes, found under rcu_read_lock(), with a plain store.
 *
 * Context: process context, uoom_protect_lock held, records pruned; may
 * sleep, but not while it holds rcu_read_lock().
 */
static void uoom_protections_end_marked(enum uoom_adj_why why)
{
	struct uoom_protection *p, *tmp;
	struct task_struct *task;

	lockdep_assert_held(&uoom_protect_lock);
	list_for_each_entry(p, &uoom_protections, node) {
		if (!p->ending)
			continue;
		task = get_pid_task(p->pid, PIDTYPE_TGID);
		if (!task)
			continue;
		uoom_adj_restore(task, OOM_SCORE_ADJ_MIN, p->saved_adj, why);
		put_task_struct(task);
	}
	rcu_read_lock();
	for_each_process(task) {
		if (task->flags & PF_KTHREAD ||
		    uoom_adj_get(task) != OOM_SCORE_ADJ_MIN ||
		    uoom_protection_find(task_tgid(task)))
			continue;
		p = uoom_protection_inherited(task);
		if (p && p->ending)
			uoom_adj_set_atomic(task, p->saved_adj, why);
	}
	rcu_read_unlock();
	list_for_each_entry_safe(p, tmp, &uoom_protections, node)
		if (p->ending)
			uoom_protection_free(p);
}

/*
 * The value unprotecting @task restores: its record's, else the record it
 * inherited from, else 0.  Context: uoom_protect_lock and rcu_read_lock().
 */
static short uoom_protection_restore_value(struct task_struct *task)
{
	struct uoom_protection *p = uoom_protection_find(task_tgid(task));

	if (!p)
		p = uoom_protection_inherited(task);
	return p ? p->saved_adj : 0;
}

/**
 * uoom_protect_task - protect @task's process
 * @task: any thread of the process; referenced by the caller
 * @holder: the /dev/oom_protect file that holds the protection, or NULL for
 *          a permanent one
 *
 * Saves the current oom_score_adj (or, if the process inherited
 * OOM_SCORE_ADJ_MIN, the value its protecting ancestor saved) and sets
 * OOM_SCORE_ADJ_MIN.  An already protected process keeps its first saved
 * value; a permanent protect makes a held one permanent, and a held protect
 * leaves a permanent one as it is.
 *
 * Context: process context; takes uoom_protect_lock.
 * Return: 0, -EBUSY if another file holds the protection, or -ENOMEM.
 */
static int uoom_protect_task(struct task_struct *task, struct file *holder)
{
	struct uoom_protection *p, *n;
	enum uoom_adj_why why;
	short saved;

	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return -ENOMEM;

	mutex_lock(&uoom_protect_lock);
	uoom_protections_prune();
	p = uoom_protection_find(task_tgid(task));
	if (p) {
		/* Already protected: keep the first saved value. */
		int ret = 0;

		if (!holder)
			p->holder = NULL;
		else if (p->holder && p->holder != holder)
			ret = -EBUSY;
		mutex_unlock(&uoom_protect_lock);
		kfree(n);
		return ret;
	}
	why = holder ? UOOM_ADJ_HOLD : UOOM_ADJ_PROTECT;
	saved = uoom_queue_protect(task, why);
	if (saved == OOM_SCORE_ADJ_MIN) {
		/* Inherited: the ancestor's value; otherwise it stays at MIN. */
		rcu_read_lock();
		p = uoom_protection_inherited(task);
		if (p)
			saved = p->saved_adj;
		rcu_read_unlock();
	}
	n->pid = get_pid(task_tgid(task));
	n->saved_adj = saved;
	n->since = ktime_get_ns();
	n->holder = holder;
	list_add_tail(&n->node, &uoom_protections);
	uoom_adj_set(task, OOM_SCORE_ADJ_MIN, why);
	mutex_unlock(&uoom_protect_lock);
	return 0;
}

/**
 * uoom_unprotect_task - unprotect @task's process
 * @task: any thread of the process; referenced by the caller
 *
 * If uoom protected it, ends its record: the process and the children that
 * inherited from it get the saved value back (uoom_protections_end_marked()).
 * Otherwise a process at OOM_SCORE_ADJ_MIN gets the value of the record it
 * inherited from, or 0; any other value is left alone.
 *
 * Context: process context; takes uoom_protect_lock.
 */
static void uoom_unprotect_task(struct task_struct *task)
{
	struct uoom_protection *p;
	short adj;

	mutex_lock(&uoom_protect_lock);
	uoom_protections_prune();
	p = uoom_protection_find(task_tgid(task));
	if (p) {
		p->ending = true;
		uoom_protections_end_marked(UOOM_ADJ_UNPROTECT);
	} else if (uoom_adj_get(task) == OOM_SCORE_ADJ_MIN) {
		rcu_read_lock();
		adj = uoom_protection_restore_value(task);
		rcu_read_unlock();
		uoom_adj_restore(task, OOM_SCORE_ADJ_MIN, adj, UOOM_ADJ_UNPROTECT);
	}
	mutex_unlock(&uoom_protect_lock);
}

/**
 * uoom_protect_release_holder - end what @holder holds
 * @holder: a /dev/oom_protect file at its last close
 *
 * Ends every record @holder holds, as unprotect does, children included.
 *
 * Context: process context; takes uoom_protect_lock.
 */
static void uoom_protect_release_holder(struct file *holder)
{
	struct uoom_protection *p;

	mutex_lock(&uoom_protect_lock);
	uoom_protections_prune();
	list_for_each_entry(p, &uoom_protections, node)
		if (p->holder == holder)
			p->ending = true;
	uoom_protections_end_marked(UOOM_ADJ_RELEASE);
	mutex_unlock(&uoom_protect_lock);
}

/**
 * uoom_protected - is @task protected?
 * @task: any thread of the process
 *
 * Context: any; the caller holds a reference to @task.
 * Return: true if its oom_score_adj is OOM_SCORE_ADJ_MIN, whoever set it.
 */
static bool uoom_protected(struct task_struct *task)
{
	return uoom_adj_get(task) == OOM_SCORE_ADJ_MIN;
}

/**
 * uoom_adj_file_owner - who would own @task's /proc/PID/oom_score_adj
 * @task: any thread of the process
 *
 * As task_dump_owner() decides for /proc/PID: the process's effective uid,
 * or root (of the process's user namespace, else global) if it is not
 * dumpable; root for kernel threads.
 *
 * Context: process context; takes @task's task_lock.
 * Return: the owner's kuid.
 */
static kuid_t uoom_adj_file_owner(struct task_struct *task)
{
	kuid_t owner;

	if (task->flags & PF_KTHREAD)
		return GLOBAL_ROOT_UID;
	rcu_read_lock();
	owner = __task_cred(task)->euid;
	rcu_read_unlock();
	task_lock(task);
	if (task->mm && get_dumpable(task->mm) != SUID_DUMP_USER) {
		owner = make_kuid(task->mm->user_ns, 0);
		if (!uid_valid(owner))
			owner = GLOBAL_ROOT_UID;
	}
	task_unlock(task);
	return owner;
}

/**
 * uoom_protect_permitted - may the caller change @task's protection?
 * @file: the file the request came through
 * @task: any thread of the target process
 * @protect: true to protect, false to unprotect
 *
 * No more than a write to /proc/PID/oom_score_adj allows.  That needs write
 * access to the file, judged at open(2): the opener owns it (the process's
 * owner, uoom_adj_file_owner()) or has CAP_DAC_OVERRIDE.  Lowering the value
 * below its floor needs CAP_SYS_RESOURCE of the writer.  So the opener of
 * @file must pass the access check, and both the opener and the caller must
 * have CAP_SYS_RESOURCE, to protect or to unprotect another process.
 * Unprotecting oneself is always allowed.
 *
 * Context: process context.
 * Return: true if permitted.
 */
static bool uoom_protect_permitted(struct file *file, struct task_struct *task,
				   bool protect)
{
	if (!protect && same_thread_group(task, current))
		return true;
	if (!capable(CAP_SYS_RESOURCE) ||
	    !file_ns_capable(file, &init_user_ns, CAP_SYS_RESOURCE))
		return false;
	return uid_eq(file->f_cred->fsuid, uoom_adj_file_owner(task)) ||
	       file_ns_capable(file, &init_user_ns, CAP_DAC_OVERRIDE);
}

/**
 * uoom_protect_set - protect or unprotect @task's process, checking privilege
 * @file: the file the request came through, for uoom_protect_permitted()
 * @task: any thread of the process; referenced by the caller
 * @protect: true to protect, false to unprotect
 * @holder: for a protect, the holding /dev/oom_protect file or NULL
 *
 * Context: process context; takes uoom_protect_lock.
 * Return: 0, -EPERM (uoom_protect_permitted()), -ESRCH if the process is
 * exiting (uoom_task_exiting(); not merely its main thread), -EBUSY or
 * -ENOMEM (uoom_protect_task()).
 */
static int uoom_protect_set(struct file *file, struct task_struct *task,
			    bool protect, struct file *holder)
{
	if (!uoom_protect_permitted(file, task, protect))
		return -EPERM;
	if (uoom_task_exiting(task))
		return -ESRCH;
	if (!protect) {
		uoom_unprotect_task(task);
		return 0;
	}
	return uoom_protect_task(task, holder);
}

/**
 * uoom_pidfd_task - the process behind a pidfd
 * @fd: a file descriptor of current
 *
 * pidfd_get_pid() is not exported; in 6.12 a pidfd is a pidfs file whose
 * inode's i_private is its struct pid.
 *
 * Context: process context.
 * Return: the thread-group leader, referenced; ERR_PTR(-EBADF) if @fd is not
 * an open pidfd, ERR_PTR(-ESRCH) if the process has been reaped.
 */
static struct task_struct *uoom_pidfd_task(int fd)
{
	struct task_struct *task = NULL;
	struct file *file;
	struct inode *inode;

	if (fd < 0)
		return ERR_PTR(-EBADF);
	file = fget(fd);
	if (!file)
		return ERR_PTR(-EBADF);
	inode = file_inode(file);
	if (inode->i_sb->s_magic == PID_FS_MAGIC && inode->i_private)
		task = get_pid_task(inode->i_private, PIDTYPE_TGID);
	else
		task = ERR_PTR(-EBADF);
	fput(file);
	return task ? task : ERR_PTR(-ESRCH);
}

/**
 * uoom_protect_pidfd - UOOM_IOC_SET_PROTECT and UOOM_IOC_GET_PROTECT
 * @file: the /dev/oom_protect file; with UOOM_PROTECT_HOLD it holds the
 *        protection
 * @cmd: UOOM_IOC_SET_PROTECT or UOOM_IOC_GET_PROTECT
 * @uarg: the struct uoom_protect in user memory
 *
 * Arguments are checked before anything is looked up or changed.
 *
 * Context: process context.
 * Return: 0; -EFAULT, -EINVAL (reserved, flags, protect or, to set, an
 * output field), -EBADF, -ESRCH, -EPERM, -EBUSY or -ENOMEM.
 */
static long uoom_protect_pidfd(struct file *file, unsigned int cmd,
			       struct uoom_protect __user *uarg)
{
	struct uoom_protect arg;
	struct task_struct *task;
	long ret = 0;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.reserved)
		return -EINVAL;
	if (cmd == UOOM_IOC_SET_PROTECT &&
	    ((arg.flags & ~UOOM_PROTECT_HOLD) || arg.protect < 0 || arg.protect > 1 ||
	     arg.adj || arg.saved_adj))
		return -EINVAL;
	if (cmd == UOOM_IOC_GET_PROTECT && arg.flags)
		return -EINVAL;

	task = uoom_pidfd_task(arg.pidfd);
	if (IS_ERR(task))
		return PTR_ERR(task);

	if (cmd == UOOM_IOC_SET_PROTECT) {
		ret = uoom_protect_set(file, task, arg.protect,
				       arg.flags & UOOM_PROTECT_HOLD ? file : NULL);
	} else {
		arg.protect = uoom_protected(task);
		arg.adj = uoom_adj_get(task);
		arg.flags = 0;
		arg.saved_adj = 0;
		if (arg.protect) {
			mutex_lock(&uoom_protect_lock);
			rcu_read_lock();
			arg.saved_adj = uoom_protection_restore_value(task);
			rcu_read_unlock();
			mutex_unlock(&uoom_protect_lock);
			arg.flags = UOOM_PROTECT_SAVED;
		}
		if (copy_to_user(uarg, &arg, sizeof(arg)))
			ret = -EFAULT;
	}
	put_task_struct(task);
	return ret;
}

/**
 * uoom_protect_ioctl - the /dev/oom_protect ioctls
 * @file: the open device
 * @cmd: OOMSETPROTECTCMD or OOMGETPROTECTCMD (the seed's, on the caller),
 *       UOOM_IOC_SET_PROTECT or UOOM_IOC_GET_PROTECT (by pidfd)
 * @arg: user pointer to an int or a struct uoom_protect
 *
 * Context: process context.
 * Return: 0, or -ENOTTY for an unknown @cmd, or the errno of the command.
 */
static long uoom_protect_ioctl(struct file *file, unsigned int cmd,
			       unsigned long arg)
{
	int __user *uint = (int __user *)arg;
	int val;

	switch (cmd) {
	case OOMSETPROTECTCMD:
		if (get_user(val, uint))
			return -EFAULT;
		if (val != 0 && val != 1)
			return -EINVAL;
		return uoom_protect_set(file, current, val, NULL);
	case OOMGETPROTECTCMD:
		return put_user((int)uoom_protected(current), uint);
	case UOOM_IOC_SET_PROTECT:
	case UOOM_IOC_GET_PROTECT:
		return uoom_protect_pidfd(file, cmd, (void __user *)arg);
	default:
		return -ENOTTY;
	}
}

static int uoom_protect_release(struct inode *inode, struct file *file)
{
	uoom_protect_release_holder(file);
	return 0;
}

static const struct file_operations uoom_protect_fops = {
	.owner = THIS_MODULE,
	.open = nonseekable_open,
	.release = uoom_protect_release,
	.unlocked_ioctl = uoom_protect_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice uoom_protect_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "oom_protect",
	.fops = &uoom_protect_fops,
	.mode = 0666,
};

/**
 * uoom_ctl_write - /proc/oom_kill_protection/ctl
 * @file: the open ctl file
 * @ubuf: "setprotection <pid> [0/1]", an optional trailing newline
 * @count: bytes at @ubuf
 * @ppos: file position; must be 0
 *
 * Each write(2) is one whole command.  The position is not advanced, so one
 * open file may carry several commands, one per write; a command split
 * over several writes is parsed piece by piece and so refused or misread.
 * The flag defaults to 1 (the seed read a missing flag as 0).  The pid
 * resolves in the writer's pid namespace.
 *
 * Context: process context.
 * Return: @count; -EINVAL for a malformed line or a non-zero position
 * (pwrite(2)), -EFAULT, -ESRCH, -EPERM or -ENOMEM.
 */
static ssize_t uoom_ctl_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	char buf[UOOM_CTL_MAX], *cur = buf, *tok[4];
	struct task_struct *task;
	struct pid *pid;
	int n = 0, nr, protect = 1, ret;

	if (*ppos || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (count && buf[count - 1] == '\n')
		buf[count - 1] = '\0';

	while (n < ARRAY_SIZE(tok) && (tok[n] = strsep(&cur, " ")))
		if (*tok[n])
			n++;
	if (cur || n < 2 || n > 3 || strcmp(tok[0], "setprotection"))
		return -EINVAL;
	if (kstrtoint(tok[1], 10, &nr) || nr <= 0 || nr > PID_MAX_LIMIT)
		return -EINVAL;
	if (n == 3 && (kstrtoint(tok[2], 10, &protect) || protect < 0 || protect > 1))
		return -EINVAL;

	pid = find_get_pid(nr);
	task = pid ? get_pid_task(pid, PIDTYPE_TGID) : NULL;
	put_pid(pid);
	if (!task)
		return -ESRCH;
	ret = uoom_protect_set(file, task, protect, NULL);
	put_task_struct(task);
	return ret ? ret : count;
}

static const struct proc_ops uoom_ctl_ops = {
	.proc_write = uoom_ctl_write,
	.proc_lseek = noop_llseek,
};

/*
 * How @task came to be at OOM_SCORE_ADJ_MIN: "uoom", "hold", "inherited"
 * or "other"; *@saved is set unless "other".  Caller holds
 * uoom_protect_lock and rcu_read_lock().
 */
static const char *uoom_protection_source(struct task_struct *task,
					  short *saved)
{
	struct uoom_protection *p = uoom_protection_find(task_tgid(task));

	if (p) {
		*saved = p->saved_adj;
		return p->holder ? "hold" : "uoom";
	}
	p = uoom_protection_inherited(task);
	if (p) {
		*saved = p->saved_adj;
		return "inherited";
	}
	return "other";
}

/**
 * uoom_status_protected_show - /proc/oom_kill_protection/status
 * @m: the seq_file
 * @v: unused
 *
 * Lists every process now at OOM_SCORE_ADJ_MIN that is visible in the
 * reader's pid namespace, with its saved value and source.
 *
 * Context: process context; takes uoom_protect_lock, then rcu_read_lock().
 * Return: 0.
 */
static int uoom_status_protected_show(struct seq_file *m, void *v)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct task_struct *task;
	const char *source;
	char saved_str[8];
	short saved;
	pid_t nr;

	seq_puts(m, "OOM protected processes:\n");
	seq_printf(m, "%-10s %-16s %-10s %s\n", "PID", "NAME", "SAVED_ADJ", "SOURCE");
	seq_printf(m, "%-10s %-16s %-10s %s\n", "---", "----", "---------", "------");

	mutex_lock(&uoom_protect_lock);
	uoom_protections_prune();
	rcu_read_lock();
	for_each_process(task) {
		if (task->flags & PF_KTHREAD || !uoom_protected(task))
			continue;
		nr = pid_nr_ns(task_tgid(task), ns);
		if (!nr)
			continue;
		source = uoom_protection_source(task, &saved);
		if (strcmp(source, "other"))
			snprintf(saved_str, sizeof(saved_str), "%d", saved);
		else
			strscpy(saved_str, "-");
		seq_printf(m, "%-10d %-16s %-10s %s\n", nr, task->comm, saved_str, source);
	}
	rcu_read_unlock();
	mutex_unlock(&uoom_protect_lock);
	return 0;
}

static int uoom_usage_show(struct seq_file *m, void *v)
{
	seq_puts(m, "Usage:\n"
		 "cat /proc/oom_kill_protection/status\n"
		 "echo \"setprotection <pid> [0/1]\" > /proc/oom_kill_protection/ctl\n");
	return 0;
}

/*
 * Module unload: end every record, restoring the protected processes and
 * the children that inherited from them.
 */
static void uoom_protections_restore_all(void)
{
	struct uoom_protection *p;

	mutex_lock(&uoom_protect_lock);
	uoom_protections_prune();
	list_for_each_entry(p, &uoom_protections, node)
		p->ending = true;
	uoom_protections_end_marked(UOOM_ADJ_UNLOAD);
	mutex_unlock(&uoom_protect_lock);
}

/**
 * uoom_protect_init - create /dev/oom_protect and /proc/oom_kill_protection/
 *
 * Context: process context, module init.
 * Return: 0 or a negative errno.
 */
int uoom_protect_init(void)
{
	int ret;

	uoom_protect_dir = proc_mkdir("oom_kill_protection", NULL);
	if (!uoom_protect_dir)
		return -ENOMEM;
	if (!proc_create("ctl", 0200, uoom_protect_dir, &uoom_ctl_ops) ||
	    !proc_create_single("status", 0444, uoom_protect_dir,
				uoom_status_protected_show) ||
	    !proc_create_single("usage", 0444, uoom_protect_dir, uoom_usage_show)) {
		ret = -ENOMEM;
		goto out_proc;
	}
	ret = misc_register(&uoom_protect_dev);
	if (ret)
		goto out_proc;
	return 0;

out_proc:
	proc_remove(uoom_protect_dir);
	return ret;
}

/**
 * uoom_protect_exit - remove the interfaces and restore every saved value
 *
 * Context: process context, module exit.  No file of the device is open
 * (each holds a module reference), so no holder release can race with this.
 */
void uoom_protect_exit(void)
{
	misc_deregister(&uoom_protect_dev);
	proc_remove(uoom_protect_dir);
	uoom_protections_restore_all();
}
