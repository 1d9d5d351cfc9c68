/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uoom's own tracepoints (tracefs events/uoom/): what uoom changed, and why.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM uoom

#if !defined(_UOOM_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _UOOM_TRACE_H

#include <linux/sched.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "uoom.h"

TRACE_DEFINE_ENUM(UOOM_ADJ_PROTECT);
TRACE_DEFINE_ENUM(UOOM_ADJ_HOLD);
TRACE_DEFINE_ENUM(UOOM_ADJ_UNPROTECT);
TRACE_DEFINE_ENUM(UOOM_ADJ_RELEASE);
TRACE_DEFINE_ENUM(UOOM_ADJ_UNLOAD);
TRACE_DEFINE_ENUM(UOOM_ADJ_BOOST);
TRACE_DEFINE_ENUM(UOOM_ADJ_UNBOOST);

#define show_uoom_adj_why(why)					\
	__print_symbolic(why,					\
			 { UOOM_ADJ_PROTECT, "protect" },	\
			 { UOOM_ADJ_HOLD, "hold" },		\
			 { UOOM_ADJ_UNPROTECT, "unprotect" },	\
			 { UOOM_ADJ_RELEASE, "release" },	\
			 { UOOM_ADJ_UNLOAD, "unload" },		\
			 { UOOM_ADJ_BOOST, "boost" },		\
			 { UOOM_ADJ_UNBOOST, "unboost" })

TRACE_EVENT(uoom_queue_replace,
	    TP_PROTO(unsigned int len),
	    TP_ARGS(len),
	    TP_STRUCT__entry(__field(pid_t, writer)
			     __array(char, comm, TASK_COMM_LEN)
			     __field(unsigned int, len)),
	    TP_fast_assign(__entry->writer = task_tgid_nr(current);
			   memcpy(__entry->comm, current->comm, TASK_COMM_LEN);
			   __entry->len = len;),
	    TP_printk("writer=%d comm=%s len=%u", __entry->writer,
		      __entry->comm, __entry->len)
);

TRACE_EVENT(uoom_adj_change,
	    TP_PROTO(struct task_struct *task, short old, short adj, int why),
	    TP_ARGS(task, old, adj, why),
	    TP_STRUCT__entry(__field(pid_t, pid)
			     __array(char, comm, TASK_COMM_LEN)
			     __field(short, old)
			     __field(short, adj)
			     __field(int, why)),
	    TP_fast_assign(__entry->pid = task_tgid_nr(task);
			   memcpy(__entry->comm, task->comm, TASK_COMM_LEN);
			   __entry->old = old;
			   __entry->adj = adj;
			   __entry->why = why;),
	    TP_printk("pid=%d comm=%s old=%d new=%d why=%s", __entry->pid,
		      __entry->comm, __entry->old, __entry->adj,
		      show_uoom_adj_why(__entry->why))
);

#endif /* _UOOM_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE uoom_trace
#include <trace/define_trace.h>
