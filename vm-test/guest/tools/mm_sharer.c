// SPDX-License-Identifier: GPL-2.0
/*
 * mm_sharer - a process and a child that shares its memory but not its
 * thread group (clone(2) with CLONE_VM, without CLONE_THREAD): what the OOM
 * killer kills together with a victim, whatever their oom_score_adj.
 *
 *   mm_sharer [MIB]   allocate MIB MiB (default 0) in the shared memory
 *
 * Prints "ready <pid> <child pid>" on stdout once the memory is resident,
 * then both wait for a signal.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define STACK (64 * 1024)

static int child(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return 0;
}

int main(int argc, char **argv)
{
	long mib = argc > 1 ? atol(argv[1]) : 0;
	char *stack, *mem;
	pid_t pid;

	stack = mmap(NULL, STACK, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED) {
		perror("mm_sharer: mmap");
		return 1;
	}
	pid = clone(child, stack + STACK, CLONE_VM | SIGCHLD, NULL);
	if (pid < 0) {
		perror("mm_sharer: clone");
		return 1;
	}
	if (mib > 0) {
		mem = mmap(NULL, mib << 20, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (mem == MAP_FAILED) {
			perror("mm_sharer: mmap");
			return 1;
		}
		memset(mem, 0x5a, mib << 20);
	}
	printf("ready %d %d\n", getpid(), pid);
	fflush(stdout);
	for (;;)
		pause();
}
