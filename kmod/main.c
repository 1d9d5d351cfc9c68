// SPDX-License-Identifier: GPL-2.0
/*
 * uoom - user-space control of the OOM killer.
 *
 * On a kernel with CONFIG_OOM_SELECT_HOOK (the series in patches/) uoom
 * registers an OOM victim-selection hook and runs "hooked".  On a stock
 * kernel it runs "advisory".  /proc/oom_status reports which.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/oom.h>

#include "uoom.h"

enum uoom_mode uoom_mode = UOOM_ADVISORY;

static bool advisory;
module_param(advisory, bool, 0444);
MODULE_PARM_DESC(advisory, "Run advisory even where the OOM select hook exists (default N)");

#ifdef CONFIG_OOM_SELECT_HOOK
static const struct oom_select_hook uoom_hook = {
	.name = "uoom",
	.owner = THIS_MODULE,
	.select = uoom_queue_select,
};

/**
 * uoom_hook_init - register the OOM select hook, unless told to stay advisory
 *
 * Context: process context, module init.
 * Return: 0, or the error of oom_select_hook_register().
 */
static int uoom_hook_init(void)
{
	int ret;

	if (advisory)
		return 0;
	ret = oom_select_hook_register(&uoom_hook);
	if (!ret)
		uoom_mode = UOOM_HOOKED;
	return ret;
}

static void uoom_hook_exit(void)
{
	if (uoom_mode == UOOM_HOOKED)
		oom_select_hook_unregister(&uoom_hook);
}
#else
static int uoom_hook_init(void)
{
	return 0;
}

static void uoom_hook_exit(void)
{
}
#endif

/*
 * Order: the mode and everything the files depend on first, the files user
 * space opens last.  /proc/oom must not exist before the mode is decided (a
 * write would boost in advisory mode, then the mode would change under it).
 * A misc device should not exist while a later step can still fail: after a
 * failed init the module is freed even if one of its devices was opened
 * meanwhile (proc files are safe: removing one waits for its users and
 * cuts off open files).  notify.c registers its sources and its devices in
 * one call and victim.c's work calls into it, so its devices precede the
 * steps after it, which fail only on ENOMEM or a name clash; protect.c
 * registers its device as the very last step.
 */
static int __init uoom_init(void)
{
	int ret;

	ret = uoom_hook_init();
	if (ret) {
		pr_err("cannot register the OOM select hook: %d\n", ret);
		return ret;
	}

	ret = uoom_queue_init();
	if (ret)
		goto out_hook;

	ret = uoom_notify_init();
	if (ret)
		goto out_queue;

	ret = uoom_victim_init();
	if (ret)
		goto out_notify;

	ret = uoom_queue_proc_init();
	if (ret)
		goto out_victim;

	ret = uoom_status_init();
	if (ret)
		goto out_queue_proc;

	ret = uoom_protect_init();
	if (ret)
		goto out_status;

	pr_info("version %s loaded, mode %s\n", UOOM_VERSION, uoom_mode_name());
	return 0;

out_status:
	uoom_status_exit();
out_queue_proc:
	uoom_queue_proc_exit();
out_victim:
	uoom_victim_exit();
out_notify:
	uoom_notify_exit();
out_queue:
	uoom_queue_exit();
out_hook:
	uoom_hook_exit();
	return ret;
}

static void __exit uoom_exit(void)
{
	uoom_protect_exit();
	uoom_status_exit();
	uoom_queue_proc_exit();
	uoom_victim_exit();
	uoom_notify_exit();
	uoom_queue_exit();
	uoom_hook_exit();
}

module_init(uoom_init);
module_exit(uoom_exit);

MODULE_DESCRIPTION("User-space control of the OOM killer");
MODULE_VERSION(UOOM_VERSION);
MODULE_LICENSE("GPL");
