/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uoom - user-space control of the OOM killer: shared module state.
 */
#ifndef _UOOM_H
#define _UOOM_H

#define UOOM_VERSION "0.1.0"

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

int uoom_status_init(void);
void uoom_status_exit(void);

#endif /* _UOOM_H */
