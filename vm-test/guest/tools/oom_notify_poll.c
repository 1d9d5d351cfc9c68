// SPDX-License-Identifier: GPL-2.0
/*
 * Guest-side checks of /dev/oom_notify.
 *
 *   oom_notify_poll watch [DEVICE [THRESHOLD [HYSTERESIS_MS [SECONDS]]]]
 *       one line per record until an OOM record naming the victim, 3 s after
 *       the first OOM record (the OOM notifier's comes before the victim is
 *       chosen), or SECONDS (default 60):
 *       "recv=NS ts=NS level=L source=S avail_kb=N free_kb=N swapout=N victim=P count=N"
 *   oom_notify_poll psi SECONDS
 *       a PSI trigger ("some 50000 500000", the smallest window) on
 *       /proc/pressure/memory; prints "psi recv=NS" at each event, for
 *       SECONDS
 *   oom_notify_poll sample SECONDS
 *       the 2007 way: every second, compare MemFree with the low watermarks
 *       of /proc/zoneinfo and pswpout of /proc/vmstat with its last value;
 *       prints "sample recv=NS" at each sign of pressure, for SECONDS
 *   oom_notify_poll badinput
 *       every documented errno, as KTAP
 *   oom_notify_poll stress COUNT THREADS
 *       COUNT open/poll/close cycles spread over THREADS threads
 *   oom_notify_poll fanout COUNT SECONDS
 *       COUNT LOW readers (hysteresis 0) in one epoll set; waits until each
 *       has a record, then prints
 *       "fanout readers=N woke=M first_ms=X last_ms=Y" (from the earliest
 *       record's kernel time to the first and the last reader's read)
 *   oom_notify_poll hold THRESHOLD HYSTERESIS_MS SECONDS [efault]
 *       a reader of /dev/oom_notify that reads one record, prints it as
 *       watch does, then keeps its file open, unread, for SECONDS: its
 *       held-back records must not delay anyone else's.  With "efault", it
 *       first reads into a read-only page and prints "efault kept" if that
 *       failed with EFAULT and left the record readable at once (no
 *       hysteresis started), else "efault lost ..."
 *   oom_notify_poll limit MAX
 *       opens /dev/oom_notify until refused, at most MAX + 1 times; prints
 *       "limit opened=N errno=NAME", then closes one file and prints
 *       "limit reopen=ok" if a new open succeeds (else "limit reopen=NAME")
 *   oom_notify_poll idle COUNT SECONDS
 *       holds COUNT open files of /dev/oom_notify, never polled or read,
 *       for SECONDS; prints "idle open=N" once they are open
 *   oom_notify_poll now
 *       prints CLOCK_MONOTONIC in ns, the clock of recv= and ts=
 *
 * watch, hold, psi and sample lock their memory as it is touched, as a real
 * pressure listener (the uoom daemon) does, so that the churn they watch
 * does not page them out and each is measured alike.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <linux/uoom.h>

static const char *const levels[] = { "NONE", "LOW", "MEDIUM", "CRITICAL", "OOM" };
static const char *const sources[] = {
	"none", "kswapd_wake", "direct_reclaim", "reclaim_retry", "swapout",
	"watermark", "oom_notifier", "mark_victim", "timer",
};

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void print_record(const struct uoom_notify_event *ev)
{
	printf("recv=%llu ts=%llu level=%s source=%s avail_kb=%llu free_kb=%llu swapout=%llu victim=%d count=%u\n",
	       now_ns(), (unsigned long long)ev->timestamp_ns,
	       ev->level < 5 ? levels[ev->level] : "?",
	       ev->source < 9 ? sources[ev->source] : "?",
	       (unsigned long long)ev->mem_available_kb, (unsigned long long)ev->free_kb,
	       (unsigned long long)ev->swapout_delta, ev->victim_pid, ev->count);
	fflush(stdout);
}

static int watch(const char *dev, unsigned int threshold, unsigned int hyst, int seconds)
{
	struct uoom_notify_config cfg = { .threshold = threshold, .hysteresis_ms = hyst };
	unsigned long long end = now_ns() + seconds * 1000000000ULL;
	struct uoom_notify_event ev;
	struct pollfd pfd;
	long long left;
	int fd = open(dev, O_RDONLY);

	if (fd < 0 || ioctl(fd, UOOM_IOC_NOTIFY_SET_CONFIG, &cfg)) {
		perror(dev);
		return 1;
	}
	printf("watching %s threshold %s hysteresis %u ms\n", dev, levels[threshold], hyst);
	fflush(stdout);
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	/*
	 * One poll(2) for all the time left, not a short timeout in a loop: a
	 * record must come from the kernel's wake-up, or a lost wake-up would
	 * pass as a late record.
	 */
	while ((left = (long long)(end - now_ns()) / 1000000) > 0) {
		if (poll(&pfd, 1, left) <= 0)
			continue;
		if (read(fd, &ev, sizeof(ev)) != sizeof(ev)) {
			perror("read");
			return 1;
		}
		print_record(&ev);
		if (ev.level == UOOM_LEVEL_OOM && ev.victim_pid)
			return 0;
		if (ev.level == UOOM_LEVEL_OOM && end > now_ns() + 3000000000ULL)
			end = now_ns() + 3000000000ULL;
	}
	return 0;
}

static int hold(unsigned int threshold, unsigned int hyst, int seconds, int efault)
{
	struct uoom_notify_config cfg = { .threshold = threshold, .hysteresis_ms = hyst };
	struct uoom_notify_event ev;
	struct pollfd pfd;
	int fd = open("/dev/oom_notify", O_RDONLY), r, err;

	if (fd < 0 || ioctl(fd, UOOM_IOC_NOTIFY_SET_CONFIG, &cfg)) {
		perror("/dev/oom_notify");
		return 1;
	}
	printf("holding: threshold %s, one record, then %d s unread, hysteresis %u ms%s\n",
	       levels[threshold], seconds, hyst, efault ? ", a bad pointer first" : "");
	fflush(stdout);
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	if (efault && poll(&pfd, 1, -1) == 1) {
		/* A read-only page: the kernel cannot copy the record there. */
		void *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		r = read(fd, ro, sizeof(ev));
		err = errno;
		if (r == -1 && err == EFAULT && poll(&pfd, 1, 0) == 1)
			printf("efault kept\n");
		else
			printf("efault lost: read %s, then %s\n", r == -1 ? strerror(err) : "succeeded",
			       poll(&pfd, 1, 0) == 1 ? "readable" : "nothing readable");
		fflush(stdout);
	}
	if (read(fd, &ev, sizeof(ev)) != sizeof(ev)) {
		perror("read");
		return 1;
	}
	print_record(&ev);
	sleep(seconds);
	close(fd);
	return 0;
}

static int psi(int seconds)
{
	const char trig[] = "some 50000 500000";
	unsigned long long end = now_ns() + seconds * 1000000000ULL;
	long long left;
	int events = 0;
	struct pollfd pfd;
	int fd = open("/proc/pressure/memory", O_RDWR | O_NONBLOCK);

	if (fd < 0 || write(fd, trig, strlen(trig) + 1) < 0) {
		perror("/proc/pressure/memory");
		return 1;
	}
	printf("psi trigger \"%s\"\n", trig);
	fflush(stdout);
	pfd = (struct pollfd){ .fd = fd, .events = POLLPRI };
	while ((left = (long long)(end - now_ns()) / 1000000) > 0) {
		if (poll(&pfd, 1, left) != 1)
			continue;
		if (pfd.revents & POLLERR) {
			printf("psi: POLLERR\n");
			return 1;
		}
		printf("psi recv=%llu\n", now_ns());
		fflush(stdout);
		events++;
	}
	if (!events)
		printf("psi: no event in %d s\n", seconds);
	return 0;
}

/* The value after KEY in a "key value" file such as /proc/meminfo. */
static long proc_value(const char *path, const char *key)
{
	char line[128];
	long v = -1;
	FILE *f = fopen(path, "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)))
			v = atol(line + strlen(key));
	if (f)
		fclose(f);
	return v;
}

static long low_watermarks_kb(void)
{
	char line[256];
	long sum = 0, v;
	FILE *f = fopen("/proc/zoneinfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, " low %ld", &v) == 1)
			sum += v * (sysconf(_SC_PAGESIZE) / 1024);
	if (f)
		fclose(f);
	return sum;
}

static int sample(int seconds)
{
	long low = low_watermarks_kb(), out = proc_value("/proc/vmstat", "pswpout "), o;
	int i, events = 0;

	printf("sampling every 1 s: MemFree against low watermarks (%ld kB), pswpout\n", low);
	fflush(stdout);
	if (out < 0) {
		printf("sample: no pswpout in /proc/vmstat\n");
		return 1;
	}
	for (i = 0; i < seconds; i++) {
		sleep(1);
		o = proc_value("/proc/vmstat", "pswpout ");
		if (proc_value("/proc/meminfo", "MemFree:") < low || o > out) {
			printf("sample recv=%llu\n", now_ns());
			fflush(stdout);
			events++;
		}
		out = o;
	}
	if (!events)
		printf("sample: nothing in %d s\n", seconds);
	return 0;
}

static int tests, failures;

static void check(int ok, const char *what)
{
	tests++;
	failures += !ok;
	printf("%sok %d - %s\n", ok ? "" : "not ", tests, what);
}

static void expect(int ret, int err, const char *what)
{
	if (ret != -1 || errno != err)
		printf("# got %d, %s\n", ret, ret == -1 ? strerror(errno) : "no error");
	check(ret == -1 && errno == err, what);
}

static int badinput(void)
{
	struct uoom_notify_config cfg = { .threshold = UOOM_LEVEL_LOW, .hysteresis_ms = 100 };
	char small[sizeof(struct uoom_notify_event) - 1];
	int fd = open("/dev/oom_notify", O_RDONLY | O_NONBLOCK);
	int crit = open("/dev/oom_notify_critical", O_RDONLY);

	printf("TAP version 14\n1..10\n");
	check(fd >= 0 && crit >= 0, "open both devices");
	check(ioctl(crit, UOOM_IOC_NOTIFY_GET_CONFIG, &cfg) == 0 &&
	      cfg.threshold == UOOM_LEVEL_CRITICAL, "oom_notify_critical starts at CRITICAL");
	expect(read(fd, small, sizeof(small)), EINVAL, "short read: EINVAL");
	cfg = (struct uoom_notify_config){ .threshold = 0 };
	expect(ioctl(fd, UOOM_IOC_NOTIFY_SET_CONFIG, &cfg), EINVAL, "threshold NONE: EINVAL");
	cfg = (struct uoom_notify_config){ .threshold = 5 };
	expect(ioctl(fd, UOOM_IOC_NOTIFY_SET_CONFIG, &cfg), EINVAL, "threshold 5: EINVAL");
	cfg = (struct uoom_notify_config){ .threshold = 1, .hysteresis_ms = 60001 };
	expect(ioctl(fd, UOOM_IOC_NOTIFY_SET_CONFIG, &cfg), EINVAL, "hysteresis over 60 s: EINVAL");
	cfg = (struct uoom_notify_config){ .threshold = 1, .reserved = { 1 } };
	expect(ioctl(fd, UOOM_IOC_NOTIFY_SET_CONFIG, &cfg), EINVAL, "non-zero reserved: EINVAL");
	expect(ioctl(fd, UOOM_IOC_NOTIFY_SET_CONFIG, (void *)8), EFAULT, "bad pointer: EFAULT");
	expect(ioctl(fd, _IO('N', 99), 0), ENOTTY, "unknown ioctl: ENOTTY");
	check(ioctl(fd, UOOM_IOC_NOTIFY_GET_CONFIG, &cfg) == 0 && cfg.threshold == UOOM_LEVEL_LOW &&
	      cfg.hysteresis_ms == 100, "bad input changed nothing (LOW, 100 ms)");
	return failures ? 1 : 0;
}

static int per_thread;

static void *stress_thread(void *arg)
{
	struct pollfd pfd;
	long bad = 0;
	int i;

	for (i = 0; i < per_thread; i++) {
		pfd.fd = open(i % 2 ? "/dev/oom_notify" : "/dev/oom_notify_critical", O_RDONLY);
		pfd.events = POLLIN;
		if (pfd.fd < 0 || poll(&pfd, 1, 0) < 0)
			bad++;
		close(pfd.fd);
	}
	return (void *)bad;
}

static int stress(int count, int threads)
{
	pthread_t t[64];
	long bad = 0;
	void *r;
	int i;

	if (threads < 1 || threads > 64)
		return 2;
	per_thread = count / threads;
	for (i = 0; i < threads; i++)
		pthread_create(&t[i], NULL, stress_thread, NULL);
	for (i = 0; i < threads; i++) {
		pthread_join(t[i], &r);
		bad += (long)r;
	}
	printf("%d open/poll/close cycles on %d threads, %ld failed\n", per_thread * threads, threads, bad);
	return bad ? 1 : 0;
}

static int fanout(int count, int seconds)
{
	struct uoom_notify_config cfg = { .threshold = UOOM_LEVEL_LOW };
	struct rlimit rl = { .rlim_cur = count + 64, .rlim_max = count + 64 };
	unsigned long long end = now_ns() + seconds * 1000000000ULL;
	unsigned long long ts0 = ~0ULL, first = 0, last = 0;
	struct epoll_event ev, ready[256];
	struct uoom_notify_event rec;
	int ep = epoll_create1(0), woke = 0, i, n, fd;

	if (count < 1 || ep < 0 || setrlimit(RLIMIT_NOFILE, &rl)) {
		perror("fanout setup");
		return 2;
	}
	for (i = 0; i < count; i++) {
		fd = open("/dev/oom_notify", O_RDONLY | O_NONBLOCK);
		ev = (struct epoll_event){ .events = EPOLLIN, .data.fd = fd };
		if (fd < 0 || ioctl(fd, UOOM_IOC_NOTIFY_SET_CONFIG, &cfg) ||
		    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev)) {
			perror("fanout reader");
			return 1;
		}
	}
	printf("fanout: %d LOW readers\n", count);
	fflush(stdout);
	while (woke < count && now_ns() < end) {
		n = epoll_wait(ep, ready, 256, 200);
		for (i = 0; i < n; i++) {
			fd = ready[i].data.fd;
			if (read(fd, &rec, sizeof(rec)) != sizeof(rec))
				continue;
			last = now_ns();
			first = first ? first : last;
			if (rec.timestamp_ns < ts0)
				ts0 = rec.timestamp_ns;
			/* One record each: this reader is done. */
			epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
			woke++;
		}
	}
	printf("fanout readers=%d woke=%d first_ms=%.1f last_ms=%.1f\n", count, woke,
	       woke ? (first - ts0) / 1e6 : -1.0, woke ? (last - ts0) / 1e6 : -1.0);
	return woke == count ? 0 : 1;
}

static int limit(int max)
{
	int fds[4096], n = 0, err = 0, fd;

	if (max < 1 || max >= 4096)
		return 2;
	while (n <= max) {
		fd = open("/dev/oom_notify", O_RDONLY);
		if (fd < 0) {
			err = errno;
			break;
		}
		fds[n++] = fd;
	}
	printf("limit opened=%d errno=%s\n", n, err ? strerrorname_np(err) : "none");
	if (!n)
		return 1;
	close(fds[--n]);
	fd = open("/dev/oom_notify", O_RDONLY);
	printf("limit reopen=%s\n", fd >= 0 ? "ok" : strerrorname_np(errno));
	return 0;
}

static int idle(int count, int seconds)
{
	struct rlimit rl = { .rlim_cur = count + 64, .rlim_max = count + 64 };
	int i;

	if (count < 0 || setrlimit(RLIMIT_NOFILE, &rl)) {
		perror("idle setup");
		return 2;
	}
	for (i = 0; i < count; i++)
		if (open("/dev/oom_notify", O_RDONLY) < 0) {
			perror("idle open");
			return 1;
		}
	printf("idle open=%d\n", count);
	fflush(stdout);
	sleep(seconds);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if ((!strcmp(mode, "watch") || !strcmp(mode, "hold") || !strcmp(mode, "psi") ||
	     !strcmp(mode, "sample")) && mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT))
		perror("mlockall");

	if (!strcmp(mode, "watch"))
		return watch(argc > 2 ? argv[2] : "/dev/oom_notify",
			     argc > 3 ? atoi(argv[3]) : UOOM_LEVEL_LOW,
			     argc > 4 ? atoi(argv[4]) : 100, argc > 5 ? atoi(argv[5]) : 60);
	if (!strcmp(mode, "hold") && (argc == 5 || (argc == 6 && !strcmp(argv[5], "efault"))))
		return hold(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), argc == 6);
	if (!strcmp(mode, "limit") && argc == 3)
		return limit(atoi(argv[2]));
	if (!strcmp(mode, "idle") && argc == 4)
		return idle(atoi(argv[2]), atoi(argv[3]));
	if (!strcmp(mode, "now")) {
		printf("%llu\n", now_ns());
		return 0;
	}
	if (!strcmp(mode, "psi") && argc == 3)
		return psi(atoi(argv[2]));
	if (!strcmp(mode, "sample") && argc == 3)
		return sample(atoi(argv[2]));
	if (!strcmp(mode, "badinput"))
		return badinput();
	if (!strcmp(mode, "stress") && argc == 4)
		return stress(atoi(argv[2]), atoi(argv[3]));
	if (!strcmp(mode, "fanout") && argc == 4)
		return fanout(atoi(argv[2]), atoi(argv[3]));
	fprintf(stderr, "usage: see the comment at the top of oom_notify_poll.c\n");
	return 2;
}
