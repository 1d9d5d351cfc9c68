// SPDX-License-Identifier: GPL-2.0
/*
 * oom_score_adj of a process, as /proc/<pid>/oom_score_adj sees it.
 */
#include <linux/oom.h>
#include <linux/sched/signal.h>

#include "uoom.h"

#define CREATE_TRACE_POINTS
#include "uoom_trace.h"

/**
 * uoom_task_exiting - is @task's process on its way out?
 * @task: any thread of the process
 *
 * Process-level, as the OOM killer's __task_will_free_mem(): a group exit
 * (exit_group(2), a fatal signal, a core dump) is under way, no thread is
 * left alive, or the last thread is exiting.  A process whose main thread
 * called pthread_exit() while other threads run is not exiting, although its
 * thread-group leader has PF_EXITING set.  An OOM victim counts as exiting.
 *
 * Context: any; the caller holds a reference to @task or rcu_read_lock().
 * Return: true if the process is exiting or already an OOM victim.
 */
bool uoom_task_exiting(struct task_struct *task)
{
	struct signal_struct *sig = task->signal;

	return (READ_ONCE(sig->flags) & SIGNAL_GROUP_EXIT) ||
	       !atomic_read(&sig->live) ||
	       (thread_group_empty(task) && (task->flags & PF_EXITING)) ||
	       tsk_is_oom_victim(task);
}

/**
 * uoom_adj_get - read a process's oom_score_adj
 * @task: any thread of the process
 *
 * Context: any; the caller holds a reference to @task.
 * Return: the value shown in /proc/<pid>/oom_score_adj.
 */
short uoom_adj_get(struct task_struct *task)
{
	return READ_ONCE(task->signal->oom_score_adj);
}

/**
 * uoom_adj_set - set a process's oom_score_adj
 * @task: any thread of the process
 * @adj: new value, OOM_SCORE_ADJ_MIN to OOM_SCORE_ADJ_MAX
 * @why: the reason, for uoom:uoom_adj_change
 *
 * On a patched kernel (CONFIG_OOM_SELECT_HOOK) this is the kernel's
 * oom_score_adj_set(): serialised with /proc/<pid>/oom_score_adj writers
 * and fork() on oom_adj_mutex, traced by oom_score_adj_update, and applied
 * to every process that shares @task's mm (CLONE_VM without CLONE_THREAD),
 * which the OOM killer kills together with @task.  On a stock kernel it is
 * a plain store that reaches none of those.
 *
 * Context: process context; may sleep.  The caller holds a reference to
 * @task.
 */
void uoom_adj_set(struct task_struct *task, short adj, enum uoom_adj_why why)
{
	short old = uoom_adj_get(task);

	adj = clamp_t(short, adj, OOM_SCORE_ADJ_MIN, OOM_SCORE_ADJ_MAX);
#ifdef CONFIG_OOM_SELECT_HOOK
	oom_score_adj_set(task, adj, NULL, NULL);
#else
	WRITE_ONCE(task->signal->oom_score_adj, adj);
#endif
	if (old != adj)
		trace_uoom_adj_change(task, old, adj, why);
}

/**
 * uoom_adj_restore - give a process back a value, unless it changed since
 * @task: any thread of the process
 * @expect: the value uoom set
 * @adj: the value to restore
 * @why: the reason, for uoom:uoom_adj_change
 *
 * Sets @adj only if oom_score_adj is still @expect, so that a change made
 * since by someone else stays.  On a patched kernel the compare and the set
 * are one step under oom_adj_mutex, as uoom_adj_set() describes; on a stock
 * kernel a /proc write between them is lost.
 *
 * Context: process context; may sleep.  The caller holds a reference to
 * @task.
 * Return: true if @adj was set.
 */
bool uoom_adj_restore(struct task_struct *task, short expect, short adj,
		      enum uoom_adj_why why)
{
	adj = clamp_t(short, adj, OOM_SCORE_ADJ_MIN, OOM_SCORE_ADJ_MAX);
#ifdef CONFIG_OOM_SELECT_HOOK
	if (oom_score_adj_set(task, adj, &expect, NULL))
		return false;
#else
	if (uoom_adj_get(task) != expect)
		return false;
	WRITE_ONCE(task->signal->oom_score_adj, adj);
#endif
	trace_uoom_adj_change(task, expect, adj, why);
	return true;
}

/**
 * uoom_adj_set_atomic - set oom_score_adj where uoom_adj_set() cannot sleep
 * @task: any thread of the process
 * @adj: new value, OOM_SCORE_ADJ_MIN to OOM_SCORE_ADJ_MAX
 * @why: the reason, for uoom:uoom_adj_change
 *
 * A plain store, on any kernel: processes sharing @task's mm keep their
 * value, and only uoom:uoom_adj_change fires.  Only for walks under
 * rcu_read_lock().
 *
 * Context: any; the caller holds a reference to @task or rcu_read_lock().
 */
void uoom_adj_set_atomic(struct task_struct *task, short adj,
			 enum uoom_adj_why why)
{
	short old = uoom_adj_get(task);

	adj = clamp_t(short, adj, OOM_SCORE_ADJ_MIN, OOM_SCORE_ADJ_MAX);
	WRITE_ONCE(task->signal->oom_score_adj, adj);
	trace_uoom_adj_change(task, old, adj, why);
}
