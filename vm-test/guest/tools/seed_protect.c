// SPDX-License-Identifier: GPL-2.0
/*
 * The C usage example from the 2006 "Simple OOM kill protection interface"
 * post (seed 002), unchanged except that OOMSETPROTECTCMD now comes from
 * <linux/uoom.h>.  Exits 0 if the ioctl protected the caller.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/uoom.h>

int main(void)
{
	/* The seed's code, verbatim from here ... */
int oom_protection = 1, oom_protected = 1, fd;

if ((fd = open("/dev/oom_protect", 0)) >= 0) {
if (ioctl(fd, OOMSETPROTECTCMD, &oom_protection) == 0)
oom_protected = 1;

close(fd);
}
	/* ... to here.  The seed's flag starts at 1; check the result instead. */
	FILE *f = fopen("/proc/self/oom_score_adj", "r");
	int adj = 0;

	if (!f || fscanf(f, "%d", &adj) != 1)
		return 2;
	printf("oom_protected=%d oom_score_adj=%d\n", oom_protected, adj);
	return adj == -1000 ? 0 : 1;
}
