// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel tracepoints by name: stock kernels have them, and modules may attach
 * to them with tracepoint_probe_register().
 */
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "uoom.h"

struct uoom_tp_lookup {
	const char *name;
	struct tracepoint *tp;
};

static void uoom_tp_match(struct tracepoint *tp, void *priv)
{
	struct uoom_tp_lookup *l = priv;

	if (!strcmp(tp->name, l->name))
		l->tp = tp;
}

/**
 * uoom_tracepoint_find - look up a core kernel tracepoint
 * @name: its name, e.g. "mark_victim"
 *
 * Context: process context.
 * Return: the tracepoint, or NULL if the kernel does not have it.
 */
struct tracepoint *uoom_tracepoint_find(const char *name)
{
	struct uoom_tp_lookup l = { .name = name };

	for_each_kernel_tracepoint(uoom_tp_match, &l);
	return l.tp;
}
