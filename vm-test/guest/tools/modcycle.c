// SPDX-License-Identifier: GPL-2.0
/*
 * modcycle MODULE COUNT PID: load and unload MODULE COUNT times, each time
 * protecting PID through /proc/oom_kill_protection/ctl and the caller
 * through /dev/oom_protect, and check that each unload restores both
 * oom_score_adj values.  One exec for all cycles: under KASAN each exec
 * costs about a second.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <linux/uoom.h>

static int read_adj(const char *pid)
{
	char path[64];
	int adj = -9999;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%s/oom_score_adj", pid);
	f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%d", &adj) != 1)
			adj = -9999;
		fclose(f);
	}
	return adj;
}

static int cycle(const char *module, const char *pid)
{
	int one = 1, fd, ret = 0;
	char line[64];

	fd = open(module, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || syscall(SYS_finit_module, fd, "", 0)) {
		perror("finit_module");
		return -1;
	}
	close(fd);
	fd = open("/proc/oom_kill_protection/ctl", O_WRONLY);
	snprintf(line, sizeof(line), "setprotection %s 1\n", pid);
	if (fd < 0 || write(fd, line, strlen(line)) < 0) {
		perror("ctl");
		ret = -1;
	}
	close(fd);
	fd = open("/dev/oom_protect", O_RDONLY);
	if (fd < 0 || ioctl(fd, OOMSETPROTECTCMD, &one)) {
		perror("/dev/oom_protect");
		ret = -1;
	}
	close(fd);
	if (read_adj(pid) != -1000 || read_adj("self") != -1000) {
		fprintf(stderr, "not protected while loaded\n");
		ret = -1;
	}
	if (syscall(SYS_delete_module, "uoom", O_NONBLOCK)) {
		perror("delete_module");
		return -1;
	}
	return ret;
}

int main(int argc, char **argv)
{
	int count, i, adj, self;

	if (argc != 4) {
		fprintf(stderr, "usage: modcycle MODULE COUNT PID\n");
		return 2;
	}
	count = atoi(argv[2]);
	adj = read_adj(argv[3]);
	self = read_adj("self");
	for (i = 0; i < count; i++) {
		if (cycle(argv[1], argv[3]))
			break;
		if (read_adj(argv[3]) != adj || read_adj("self") != self) {
			fprintf(stderr, "cycle %d: unload left %d and %d, not %d and %d\n",
				i + 1, read_adj(argv[3]), read_adj("self"), adj, self);
			break;
		}
	}
	printf("%d of %d load/protect/unload cycles restored oom_score_adj %d and %d\n",
	       i, count, adj, self);
	return i == count ? 0 : 1;
}
