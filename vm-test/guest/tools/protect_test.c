// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/oom_protect ioctls against a real module; prints KTAP.
 *
 *   protect_test           the pidfd ioctls, fd-held protection and bad input
 *   protect_test hold PID  protect PID while this program runs (fd-held), then
 *                          sleep until killed
 *   protect_test self 0|1  OOMSETPROTECTCMD on itself; prints the errno or the
 *                          resulting oom_score_adj
 *   protect_test pid PID 0|1  UOOM_IOC_SET_PROTECT on PID; prints the same
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/uoom.h>

static int tests, failures;

static void check(int ok, const char *what)
{
	tests++;
	if (!ok)
		failures++;
	printf("%sok %d - %s\n", ok ? "" : "not ", tests, what);
	fflush(stdout);
}

/* ioctl that is expected to fail with @err */
static void expect_errno(int fd, unsigned long cmd, void *arg, int err, const char *what)
{
	int ret = ioctl(fd, cmd, arg);
	char buf[160];

	snprintf(buf, sizeof(buf), "%s: %s", what, strerror(err));
	if (ret == 0 || errno != err)
		printf("# got %d, errno %s\n", ret, ret ? strerror(errno) : "none");
	check(ret == -1 && errno == err, buf);
}

static int pidfd_open(pid_t pid)
{
	return syscall(SYS_pidfd_open, pid, 0);
}

static int read_adj(pid_t pid)
{
	char path[64];
	FILE *f;
	int adj = -9999;

	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", pid);
	f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%d", &adj) != 1)
			adj = -9999;
		fclose(f);
	}
	return adj;
}

static void write_adj(pid_t pid, int adj)
{
	char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", pid);
	f = fopen(path, "w");
	if (f) {
		fprintf(f, "%d\n", adj);
		fclose(f);
	}
}

static pid_t sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	return pid;
}

static int set_protect(int fd, int pidfd, int protect, unsigned int flags)
{
	struct uoom_protect a = { .pidfd = pidfd, .flags = flags, .protect = protect };

	return ioctl(fd, UOOM_IOC_SET_PROTECT, &a);
}

static struct uoom_protect get_protect(int fd, int pidfd)
{
	struct uoom_protect a = { .pidfd = pidfd };

	if (ioctl(fd, UOOM_IOC_GET_PROTECT, &a))
		a.protect = -1;
	return a;
}

static int hold(pid_t pid)
{
	int fd = open("/dev/oom_protect", O_RDONLY);
	int pidfd = pidfd_open(pid);

	if (fd < 0 || pidfd < 0 || set_protect(fd, pidfd, 1, UOOM_PROTECT_HOLD)) {
		perror("hold");
		return 1;
	}
	printf("holding %d\n", pid);
	fflush(stdout);
	pause();
	return 0;
}

/* One protect or unprotect; exit 0 and the resulting adj, or 1 and the errno. */
static int set_one(pid_t pid, int protect, int seed)
{
	int fd = open("/dev/oom_protect", O_RDONLY);
	int ret;

	if (fd < 0) {
		perror("/dev/oom_protect");
		return 1;
	}
	if (seed)
		ret = ioctl(fd, OOMSETPROTECTCMD, &protect);
	else
		ret = set_protect(fd, pidfd_open(pid), protect, 0);
	if (ret) {
		printf("%s\n", strerror(errno));
		return 1;
	}
	printf("oom_score_adj %d\n", read_adj(pid));
	return 0;
}

int main(int argc, char **argv)
{
	struct uoom_protect a;
	int fd, fd2, pidfd, val;
	pid_t pid;

	if (argc == 3 && !strcmp(argv[1], "hold"))
		return hold(atoi(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "self"))
		return set_one(getpid(), atoi(argv[2]), 1);
	if (argc == 4 && !strcmp(argv[1], "pid"))
		return set_one(atoi(argv[2]), atoi(argv[3]), 0);

	printf("TAP version 14\n1..21\n");
	fd = open("/dev/oom_protect", O_RDONLY);
	check(fd >= 0, "open /dev/oom_protect");

	pid = sleeper();
	write_adj(pid, 300);
	pidfd = pidfd_open(pid);
	check(pidfd >= 0, "pidfd_open a child");

	check(set_protect(fd, pidfd, 1, 0) == 0 && read_adj(pid) == -1000,
	      "UOOM_IOC_SET_PROTECT protects by pidfd");
	a = get_protect(fd, pidfd);
	check(a.protect == 1 && a.adj == -1000 && (a.flags & UOOM_PROTECT_SAVED) &&
	      a.saved_adj == 300, "UOOM_IOC_GET_PROTECT: protected, adj -1000, saved 300");
	check(set_protect(fd, pidfd, 1, 0) == 0 && get_protect(fd, pidfd).saved_adj == 300,
	      "protecting twice keeps the first saved value");
	check(set_protect(fd, pidfd, 0, 0) == 0 && read_adj(pid) == 300,
	      "unprotect restores 300");
	a = get_protect(fd, pidfd);
	check(a.protect == 0 && a.adj == 300 && !(a.flags & UOOM_PROTECT_SAVED),
	      "UOOM_IOC_GET_PROTECT: not protected");

	/* fd-held protection ends with the last close of its file */
	fd2 = open("/dev/oom_protect", O_RDONLY);
	check(set_protect(fd2, pidfd, 1, UOOM_PROTECT_HOLD) == 0 && read_adj(pid) == -1000,
	      "UOOM_PROTECT_HOLD protects");
	close(fd2);
	check(read_adj(pid) == 300, "closing the holding file restores 300");

	/* a value changed behind uoom's back is left alone */
	set_protect(fd, pidfd, 1, 0);
	write_adj(pid, 100);
	check(set_protect(fd, pidfd, 0, 0) == 0 && read_adj(pid) == 100,
	      "unprotect leaves a value changed behind uoom's back");

	/* bad input: documented errno, nothing changed */
	write_adj(pid, 300);
	a = (struct uoom_protect){ .pidfd = pidfd, .protect = 1, .flags = 0x80 };
	expect_errno(fd, UOOM_IOC_SET_PROTECT, &a, EINVAL, "unknown flag");
	a = (struct uoom_protect){ .pidfd = pidfd, .protect = 1, .reserved = 1 };
	expect_errno(fd, UOOM_IOC_SET_PROTECT, &a, EINVAL, "non-zero reserved");
	a = (struct uoom_protect){ .pidfd = pidfd, .protect = 2 };
	expect_errno(fd, UOOM_IOC_SET_PROTECT, &a, EINVAL, "protect = 2");
	a = (struct uoom_protect){ .pidfd = fd, .protect = 1 };
	expect_errno(fd, UOOM_IOC_SET_PROTECT, &a, EBADF, "not a pidfd");
	a = (struct uoom_protect){ .pidfd = 999, .protect = 1 };
	expect_errno(fd, UOOM_IOC_SET_PROTECT, &a, EBADF, "closed fd");
	expect_errno(fd, UOOM_IOC_SET_PROTECT, (void *)8, EFAULT, "bad pointer");
	expect_errno(fd, OOMSETPROTECTCMD, (void *)8, EFAULT, "seed ioctl, bad pointer");
	val = 5;
	expect_errno(fd, OOMSETPROTECTCMD, &val, EINVAL, "seed ioctl, value 5");
	expect_errno(fd, _IO('O', 99), NULL, ENOTTY, "unknown ioctl");
	check(read_adj(pid) == 300 && get_protect(fd, pidfd).protect == 0,
	      "bad input changed nothing");
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	a = (struct uoom_protect){ .pidfd = pidfd, .protect = 1 };
	expect_errno(fd, UOOM_IOC_SET_PROTECT, &a, ESRCH, "reaped process");
	return failures ? 1 : 0;
}
