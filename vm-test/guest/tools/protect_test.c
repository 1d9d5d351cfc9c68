// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/oom_protect ioctls against a real module; prints KTAP.
 *
 *   protect_test           the pidfd ioctls, fd-held protection, children
 *                          getting their value back, a process whose main
 *                          thread exited, ctl writes and bad input
 *   protect_test hold PID  protect PID while this program runs (fd-held), then
 *                          sleep until killed
 *   protect_test self 0|1  OOMSETPROTECTCMD on itself; prints the errno or the
 *                          resulting oom_score_adj
 *   protect_test pid PID 0|1  UOOM_IOC_SET_PROTECT on PID; prints the same
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
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

/* A child that forks a sleeping grandchild whenever asked. */
struct forker {
	pid_t pid;
	int cmd, reply;
};

static struct forker forker_start(void)
{
	struct forker f = { -1, -1, -1 };
	int cmd[2], reply[2];
	pid_t g;
	char c;

	if (pipe(cmd) || pipe(reply))
		return f;
	f.pid = fork();
	if (f.pid == 0) {
		close(cmd[1]);
		close(reply[0]);
		while (read(cmd[0], &c, 1) == 1) {
			g = fork();
			if (g == 0) {
				pause();
				_exit(0);
			}
			if (write(reply[1], &g, sizeof(g)) != sizeof(g))
				break;
		}
		_exit(0);
	}
	close(cmd[0]);
	close(reply[1]);
	f.cmd = cmd[1];
	f.reply = reply[0];
	return f;
}

/* Ask @f to fork; the grandchild's pid, or -1. */
static pid_t forker_fork(struct forker *f)
{
	pid_t g = -1;

	if (write(f->cmd, "f", 1) != 1 || read(f->reply, &g, sizeof(g)) != sizeof(g))
		return -1;
	return g;
}

static void *pause_thread(void *unused)
{
	pause();
	return NULL;
}

/*
 * A child whose main thread calls pthread_exit() when a byte arrives on the
 * returned pipe, while a second thread keeps the process alive.
 */
static pid_t lone_thread_start(int *go)
{
	int p[2];
	pthread_t t;
	pid_t pid;
	char c;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (pthread_create(&t, NULL, pause_thread, NULL))
			_exit(1);
		if (read(p[0], &c, 1) != 1)
			_exit(1);
		pthread_exit(NULL);
	}
	close(p[0]);
	*go = p[1];
	return pid;
}

/* Wait until the thread-group leader of @pid is a zombie; 1 if it is. */
static int leader_exited(pid_t pid)
{
	char path[64], line[128];
	int i, zombie = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	for (i = 0; i < 100 && !zombie; i++) {
		f = fopen(path, "r");
		if (!f)
			return 0;
		while (fgets(line, sizeof(line), f))
			if (!strncmp(line, "State:", 6))
				zombie = strchr(line, 'Z') != NULL;
		fclose(f);
		if (!zombie)
			usleep(50000);
	}
	return zombie;
}

/* Write @line to ctl in one write(2) at offset @off; 0 or the errno. */
static int ctl_pwrite(int fd, const char *line, off_t off)
{
	ssize_t n = pwrite(fd, line, strlen(line), off);

	return n == (ssize_t)strlen(line) ? 0 : n < 0 ? errno : EIO;
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
	pid_t pid, g1, g2, g3, g4, lone;
	int fd, fd2, fd3, pidfd, val, ctl, go = -1;
	struct forker fk;
	struct uoom_protect a;
	char line[64];

	if (argc == 3 && !strcmp(argv[1], "hold"))
		return hold(atoi(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "self"))
		return set_one(getpid(), atoi(argv[2]), 1);
	if (argc == 4 && !strcmp(argv[1], "pid"))
		return set_one(atoi(argv[2]), atoi(argv[3]), 0);

	printf("TAP version 14\n1..40\n");
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
	check(set_protect(fd2, pidfd, 1, UOOM_PROTECT_HOLD) == 0,
	      "the holder may hold it again");
	fd3 = open("/dev/oom_protect", O_RDONLY);
	expect_errno(fd3, UOOM_IOC_SET_PROTECT,
		     &(struct uoom_protect){ .pidfd = pidfd, .protect = 1, .flags = UOOM_PROTECT_HOLD },
		     EBUSY, "a second holder");
	close(fd3);
	check(read_adj(pid) == -1000, "the second holder's close changes nothing");
	close(fd2);
	check(read_adj(pid) == 300, "closing the holding file restores 300");

	/* a value changed behind uoom's back is left alone */
	set_protect(fd, pidfd, 1, 0);
	write_adj(pid, 100);
	check(set_protect(fd, pidfd, 0, 0) == 0 && read_adj(pid) == 100,
	      "unprotect leaves a value changed behind uoom's back");

	/* children forked under a protection get its saved value when it ends */
	fk = forker_start();
	write_adj(fk.pid, 300);
	fd2 = open("/dev/oom_protect", O_RDONLY);
	set_protect(fd2, pidfd_open(fk.pid), 1, UOOM_PROTECT_HOLD);
	g1 = forker_fork(&fk);
	a = get_protect(fd, pidfd_open(g1));
	check(read_adj(g1) == -1000 && a.saved_adj == 300,
	      "a child forked under a held protection: -1000, saved 300");
	close(fd2);
	printf("# forker %d, child %d\n", read_adj(fk.pid), read_adj(g1));
	check(read_adj(fk.pid) == 300 && read_adj(g1) == 300,
	      "closing the holding file restores the child to 300 too");

	set_protect(fd, pidfd_open(fk.pid), 1, 0);
	g2 = forker_fork(&fk);
	g3 = forker_fork(&fk);
	g4 = forker_fork(&fk);
	write_adj(g3, 50);
	set_protect(fd, pidfd_open(g4), 1, 0);
	check(set_protect(fd, pidfd_open(fk.pid), 0, 0) == 0 && read_adj(fk.pid) == 300 &&
	      read_adj(g2) == 300, "unprotect by pidfd restores the child to 300 too");
	check(read_adj(g3) == 50, "a child whose value changed since is left alone");
	check(read_adj(g4) == -1000, "a child protected in its own right stays protected");
	check(set_protect(fd, pidfd_open(g4), 0, 0) == 0 && read_adj(g4) == 300,
	      "and unprotecting it restores the inherited 300");
	kill(g1, SIGKILL);
	kill(g2, SIGKILL);
	kill(g3, SIGKILL);
	kill(g4, SIGKILL);
	kill(fk.pid, SIGKILL);
	waitpid(fk.pid, NULL, 0);

	/* a process whose main thread exited is alive */
	lone = lone_thread_start(&go);
	write_adj(lone, 300);
	val = pidfd_open(lone);
	check(set_protect(fd, val, 1, 0) == 0 && read_adj(lone) == -1000,
	      "protect a process with two threads");
	if (write(go, "x", 1) != 1)
		perror("go");
	check(leader_exited(lone), "its main thread called pthread_exit()");
	set_protect(fd, pidfd, 1, 0);	/* other calls, which prune records */
	set_protect(fd, pidfd, 0, 0);
	a = get_protect(fd, val);
	check(a.protect == 1 && a.saved_adj == 300, "it is still protected, saved 300");
	check(set_protect(fd, val, 0, 0) == 0 && read_adj(lone) == 300,
	      "unprotect restores 300");
	check(set_protect(fd, val, 1, 0) == 0 && read_adj(lone) == -1000,
	      "it can be protected again");

	/* ctl: one command per write(2), the position never advances */
	ctl = open("/proc/oom_kill_protection/ctl", O_WRONLY);
	snprintf(line, sizeof(line), "setprotection %d 0\n", lone);
	check(ctl >= 0 && write(ctl, line, strlen(line)) == (ssize_t)strlen(line) &&
	      read_adj(lone) == 300, "ctl: unprotect it by pid, 300");
	snprintf(line, sizeof(line), "setprotection %d 1\n", lone);
	check(write(ctl, line, strlen(line)) == (ssize_t)strlen(line) && read_adj(lone) == -1000,
	      "ctl: a second write on the same file is a second command");
	snprintf(line, sizeof(line), "setprotection %d 0\n", lone);
	val = ctl_pwrite(ctl, line, 1);
	check(val == EINVAL && read_adj(lone) == -1000, "ctl: a write at offset 1: EINVAL");
	close(ctl);
	kill(lone, SIGKILL);
	waitpid(lone, NULL, 0);

	/* bad input: documented errno, nothing changed */
	write_adj(pid, 300);
	a = (struct uoom_protect){ .pidfd = pidfd, .protect = 1, .flags = 0x80 };
	expect_errno(fd, UOOM_IOC_SET_PROTECT, &a, EINVAL, "unknown flag");
	a = (struct uoom_protect){ .pidfd = pidfd, .protect = 1, .reserved = 1 };
	expect_errno(fd, UOOM_IOC_SET_PROTECT, &a, EINVAL, "non-zero reserved");
	a = (struct uoom_protect){ .pidfd = pidfd, .protect = 1, .adj = -1000 };
	expect_errno(fd, UOOM_IOC_SET_PROTECT, &a, EINVAL, "non-zero adj (an output)");
	a = (struct uoom_protect){ .pidfd = pidfd, .protect = 1, .saved_adj = 1 };
	expect_errno(fd, UOOM_IOC_SET_PROTECT, &a, EINVAL, "non-zero saved_adj (an output)");
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
