// SPDX-License-Identifier: GPL-2.0
/*
 * oom_score_adj of a process, as /proc/<pid>/oom_score_adj sees it.
 */
#include <linux/oom.h>
#include <linux/sched/signal.h>

#include "uoom.h"

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
 *
 * Unlike a write to /proc/<pid>/oom_score_adj this does not update other
 * processes that share @task's mm without sharing its signal struct (vfork
 * children, CLONE_VM without CLONE_THREAD).
 *
 * Context: any; the caller holds a reference to @task.
 */
void uoom_adj_set(struct task_struct *task, short adj)
{
	WRITE_ONCE(task->signal->oom_score_adj,
		   clamp_t(short, adj, OOM_SCORE_ADJ_MIN, OOM_SCORE_ADJ_MAX));
}
