# make demo: who does the OOM killer take? Run with and without uoom.
. "$UOOM_REPO/vm-test/guest/ktap.sh"
. "$UOOM_REPO/vm-test/guest/oom.sh"
ktap_plan 2
hog important 280 hold
hog expendable 16 hold
gated alloc
ktap_diag "started: important (280 MiB) pid $important, expendable (16 MiB) pid $expendable,"
ktap_diag "         and an allocator, pid $alloc, that allocates until the guest runs out of memory"
if [ -e /proc/oom ]; then
	ktap_check "queue: echo \"$expendable $alloc\" >/proc/oom" sh -c "echo $expendable $alloc >/proc/oom"
	ktap_diag "$ uoom status"
	ktap_diag "$("$UOOM_REPO/out/uoom" status)"
else
	ktap_ok "no uoom: the kernel's heuristic decides alone"
fi
if [ -c /dev/oom_notify ]; then
	# Live pressure events from /dev/oom_notify while the guest runs out of memory.
	"$UOOM_REPO/out/uoom" watch --level LOW --hysteresis 5000 --timeout 60 >/tmp/watch.txt 2>&1 &
	watch=$!
	while [ -d /proc/$watch ] && ! ls -l /proc/$watch/fd 2>/dev/null | grep -q oom_notify; do sleep 0.2; done
fi
open_gate
wait $alloc
if [ -n "$watch" ]; then
	sleep 1
	kill $watch; wait $watch
	ktap_diag "$ uoom watch --level LOW --hysteresis 5000"
	ktap_diag "$(cat /tmp/watch.txt)"
fi
fate important expendable alloc
ktap_check "the OOM killer killed something" test -s /mnt/victims
ktap_finish
