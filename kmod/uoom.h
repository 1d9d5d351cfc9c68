/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uoom - user-space control of the OOM killer: shared module state.
 */
#ifndef _UOOM_H
#define _UOOM_H

#include <linux/types.h>

struct oom_control;
struct pid;
struct seq_file;
struct task_struct;
struct tracepoint;

#define UOOM_VERSION "0.2.0"

/**
 * enum uoom_mode - how much say uoom has over the OOM killer
 * @UOOM_ADVISORY: stock kernel; uoom can only adjust oom_score_adj
 * @UOOM_HOOKED: the kernel has CONFIG_OOM_SELECT_HOOK and consults uoom
 */
enum uoom_mode {
	UOOM_ADVISORY,
	UOOM_HOOKED,
};

extern enum uoom_mode uoom_mode;

const char *uoom_mode_name(void);

/* status.c: /proc/oom_status */
int uoom_status_init(void);
void uoom_status_exit(void);

/**
 * enum uoom_adj_why - why uoom changed an oom_score_adj (uoom:uoom_adj_change)
 * @UOOM_ADJ_PROTECT: a permanent protection began
 * @UOOM_ADJ_HOLD: a protection held by an open file began
 * @UOOM_ADJ_UNPROTECT: an unprotect ended a protection
 * @UOOM_ADJ_RELEASE: the last close of the holding file ended it
 * @UOOM_ADJ_UNLOAD: the module's unload ended it
 * @UOOM_ADJ_BOOST: the advisory boost raised the queue's head
 * @UOOM_ADJ_UNBOOST: the boost moved on and restored the old head
 */
enum uoom_adj_why {
	UOOM_ADJ_PROTECT,
	UOOM_ADJ_HOLD,
	UOOM_ADJ_UNPROTECT,
	UOOM_ADJ_RELEASE,
	UOOM_ADJ_UNLOAD,
	UOOM_ADJ_BOOST,
	UOOM_ADJ_UNBOOST,
};

/* queue.c: /proc/oom, the candidate queue */
int uoom_queue_init(void);
void uoom_queue_exit(void);
int uoom_queue_proc_init(void);
void uoom_queue_proc_exit(void);
short uoom_queue_protect(struct task_struct *task, enum uoom_adj_why why);
void uoom_queue_select(struct oom_control *oc);
void uoom_queue_victim(struct pid *victim);
void uoom_queue_show_status(struct seq_file *m);

/* victim.c: follows the OOM killer's victims through the mark_victim tracepoint */
int uoom_victim_init(void);
void uoom_victim_exit(void);
void uoom_victim_show_status(struct seq_file *m);

/* protect.c: /dev/oom_protect and /proc/oom_kill_protection/ */
int uoom_protect_init(void);
void uoom_protect_exit(void);

/* notify.c: /dev/oom_notify and /dev/oom_notify_critical */
int uoom_notify_init(void);
void uoom_notify_exit(void);
void uoom_notify_victim(struct pid *victim);
/* the module's WQ_MEM_RECLAIM | WQ_HIGHPRI workqueue, from uoom_notify_init() on */
extern struct workqueue_struct *uoom_wq;

/* tracepoints.c: probes on core kernel tracepoints, found by name */

/**
 * struct uoom_probe - a probe on a core kernel tracepoint
 * @name: the tracepoint's name, e.g. "mark_victim"
 * @probe: the probe function, of the tracepoint's prototype
 * @lost: what is lost without the tracepoint, for the warning
 * @tp: the tracepoint while attached, else NULL
 */
struct uoom_probe {
	const char *name;
	void *probe;
	const char *lost;
	struct tracepoint *tp;
};

/**
 * UOOM_PROBE() - a struct uoom_probe for tracepoint @tp, checked at build time
 * @tp: the tracepoint's name, as its header declares it; the probe is
 *	uoom_probe_@tp()
 * @why: what is lost without the tracepoint
 *
 * The probe is attached by name, through void *, so a kernel whose TP_PROTO
 * differs (mark_victim gained an argument in 6.8) would call it with the
 * wrong arguments.  register_trace_@tp() takes only a probe of the kernel's
 * own prototype: the never-evaluated call below makes any other a build
 * error (-Werror=incompatible-pointer-types).  Include @tp's header.
 */
#define UOOM_PROBE(tp, why) {						\
	.name = #tp + 0 * sizeof(register_trace_##tp(uoom_probe_##tp, NULL)), \
	.probe = uoom_probe_##tp,					\
	.lost = why,							\
}

int uoom_probes_attach(struct uoom_probe *probes, unsigned int n);
void uoom_probes_detach(struct uoom_probe *probes, unsigned int n);

/* adj.c: oom_score_adj of a process */
bool uoom_task_exiting(struct task_struct *task);
short uoom_adj_get(struct task_struct *task);
void uoom_adj_set(struct task_struct *task, short adj, enum uoom_adj_why why);
bool uoom_adj_restore(struct task_struct *task, short expect, short adj,
		      enum uoom_adj_why why);
void uoom_adj_set_atomic(struct task_struct *task, short adj,
			 enum uoom_adj_why why);

#endif /* _UOOM_H */
