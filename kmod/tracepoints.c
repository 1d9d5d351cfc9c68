// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel tracepoints by name: stock kernels have them, and modules may attach
 * to them with tracepoint_probe_register().
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/printk.h>
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

/*
 * uoom_tracepoint_find - look up a core kernel tracepoint
 * @name: its name, e.g. "mark_victim"
 *
 * Context: process context.
 * Return: the tracepoint, or NULL if the kernel does not have it.
 */
static struct tracepoint *uoom_tracepoint_find(const char *name)
{
	struct uoom_tp_lookup l = { .name = name };

	for_each_kernel_tracepoint(uoom_tp_match, &l);
	return l.tp;
}

/**
 * uoom_probes_detach - unregister probes and wait for running ones
 * @probes: the probes; those not attached are skipped
 * @n: how many
 *
 * Context: process context; sleeps if any probe was attached.
 */
void uoom_probes_detach(struct uoom_probe *probes, unsigned int n)
{
	bool attached = false;
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (probes[i].tp) {
			tracepoint_probe_unregister(probes[i].tp, probes[i].probe, NULL);
			attached = true;
		}
	}
	if (attached)
		tracepoint_synchronize_unregister();
	for (i = 0; i < n; i++)
		probes[i].tp = NULL;
}

/**
 * uoom_probes_attach - register probes on core kernel tracepoints by name
 * @probes: the probes, with @tp NULL
 * @n: how many
 *
 * A tracepoint the kernel does not have is skipped with a warning that says
 * what is lost.  On an error the probes attached so far are detached.
 *
 * Context: process context; sleeps.
 * Return: 0, or the error of tracepoint_probe_register().
 */
int uoom_probes_attach(struct uoom_probe *probes, unsigned int n)
{
	struct tracepoint *tp;
	unsigned int i;
	int ret;

	for (i = 0; i < n; i++) {
		tp = uoom_tracepoint_find(probes[i].name);
		if (!tp) {
			pr_warn("no %s tracepoint; %s\n", probes[i].name, probes[i].lost);
			continue;
		}
		ret = tracepoint_probe_register(tp, probes[i].probe, NULL);
		if (ret) {
			uoom_probes_detach(probes, n);
			return ret;
		}
		probes[i].tp = tp;
	}
	return 0;
}
