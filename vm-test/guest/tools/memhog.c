// SPDX-License-Identifier: GPL-2.0
/*
 * memhog - allocate and touch memory for OOM scenarios in the guest.
 *
 *   memhog MIB [hold]    allocate MIB MiB, then exit, or pause with "hold"
 *   memhog inf           allocate until killed
 *   memhog churn MIB SECONDS
 *                        allocate MIB MiB and keep touching it, page by page,
 *                        for SECONDS; prints the MiB touched (progress)
 *
 * Prints "ready <pid>" on stdout once the memory is resident.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (1UL << 20)

static int churn(long mib, long seconds)
{
	char *p = mmap(NULL, mib * CHUNK, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	time_t end = time(NULL) + seconds;
	long touched = 0, off;

	if (p == MAP_FAILED) {
		perror("memhog: mmap");
		return 1;
	}
	printf("churning %ld MiB for %ld s\n", mib, seconds);
	fflush(stdout);
	while (time(NULL) < end) {
		for (off = 0; off < mib * (long)CHUNK && time(NULL) < end; off += CHUNK) {
			long i;

			for (i = 0; i < (long)CHUNK; i += 4096)
				p[off + i]++;
			touched++;
		}
	}
	printf("touched %ld MiB\n", touched);
	return 0;
}

int main(int argc, char **argv)
{
	long mib, i;

	if (argc < 2) {
		fprintf(stderr, "usage: memhog MIB|inf [hold]\n");
		return 2;
	}
	if (argc == 4 && !strcmp(argv[1], "churn"))
		return churn(atol(argv[2]), atol(argv[3]));
	mib = strcmp(argv[1], "inf") ? atol(argv[1]) : -1;
	for (i = 0; mib < 0 || i < mib; i++) {
		char *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			perror("memhog: mmap");
			return 1;
		}
		memset(p, 0x5a, CHUNK);
	}
	printf("ready %d\n", getpid());
	fflush(stdout);
	if (argc > 2 && !strcmp(argv[2], "hold"))
		for (;;)
			pause();
	return 0;
}
