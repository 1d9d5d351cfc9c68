// SPDX-License-Identifier: GPL-2.0
/*
 * Print the host's TSC frequency in kHz, measured against CLOCK_MONOTONIC_RAW.
 * Under TCG a guest's TSC counts at this rate, so the guest can use it as
 * its clocksource (tsc_early_khz=) instead of 4 ms jiffies.  Exits 1 where the
 * TSC is not constant and non-stop.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <x86intrin.h>

static int cpu_has(const char *flag)
{
	char line[8192], word[64];
	FILE *f = fopen("/proc/cpuinfo", "r");
	int found = 0;

	if (!f)
		return 0;
	snprintf(word, sizeof(word), " %s ", flag);
	while (!found && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "flags", 5))
			continue;
		line[strcspn(line, "\n")] = ' ';
		found = strstr(line, word) != NULL;
		break;
	}
	fclose(f);
	return found;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	struct timespec nap = { 0, 200 * 1000 * 1000 };
	unsigned long long t0, t1;
	double s0, s1;

	if (!cpu_has("constant_tsc") || !cpu_has("nonstop_tsc")) {
		fprintf(stderr, "tsc_khz: the TSC is not constant and non-stop\n");
		return 1;
	}
	s0 = now();
	t0 = __rdtsc();
	nanosleep(&nap, NULL);
	t1 = __rdtsc();
	s1 = now();
	printf("%.0f\n", (t1 - t0) / (s1 - s0) / 1000);
	return 0;
}
