// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/oom_status: one "key: value" line per fact about uoom.
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

#include "uoom.h"

static const char *const uoom_mode_names[] = {
	[UOOM_ADVISORY] = "advisory",
	[UOOM_HOOKED] = "hooked",
};

/**
 * uoom_mode_name - name of the current mode, as shown in /proc/oom_status
 *
 * Return: "hooked" or "advisory".
 */
const char *uoom_mode_name(void)
{
	return uoom_mode_names[uoom_mode];
}

static int uoom_status_show(struct seq_file *m, void *v)
{
	seq_printf(m, "version: %s\n", UOOM_VERSION);
	seq_printf(m, "mode: %s\n", uoom_mode_name());
	uoom_queue_show_status(m);
	uoom_victim_show_status(m);
	return 0;
}

/**
 * uoom_status_init - create /proc/oom_status
 *
 * Context: process context, module init.
 * Return: 0, or -ENOMEM if the proc entry could not be created.
 */
int uoom_status_init(void)
{
	if (!proc_create_single("oom_status", 0444, NULL, uoom_status_show))
		return -ENOMEM;
	return 0;
}

/**
 * uoom_status_exit - remove /proc/oom_status
 *
 * Context: process context, module exit; waits for open readers to finish.
 */
void uoom_status_exit(void)
{
	remove_proc_entry("oom_status", NULL);
}
