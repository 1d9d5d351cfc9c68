# make demo: who does the OOM killer take? Run with and without uoom.
# hog and gated (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"

UOOM=$UOOM_REPO/out/uoom
queue() { echo "$*" >/proc/oom; }
# heard_oom: within 60 s, the uoom watch transcript shows an OOM event ("TIME OOM kernel: ...").
heard_oom() {
	wait_until 60 grep -q '^[^ ]* OOM ' /tmp/watch.txt || { echo "no OOM event in 60 s"; return 1; }
}

plan=2
[ -c /dev/oom_notify ] && plan=3
ktap_plan $plan
hog important 280 hold
hog expendable 16 hold
gated alloc
ktap_diag "started: important (280 MiB) pid $important, expendable (16 MiB) pid $expendable,"
ktap_diag "         and an allocator, pid $alloc, that allocates until the guest runs out of memory"
if [ -e /proc/oom ]; then
	ktap_check "queue: echo \"$expendable $alloc\" >/proc/oom" queue "$expendable" "$alloc"
	ktap_diag "$ uoom status"
	ktap_diag "$("$UOOM" status)"
else
	ktap_ok "no uoom: the kernel's heuristic decides alone"
fi
watch=
if [ -c /dev/oom_notify ]; then
	# Live pressure events from /dev/oom_notify while the guest runs out of memory. The watcher
	# prints "watching" once it has the device open; a guest JVM on a cold 9p cache is slow.
	"$UOOM" watch --level LOW --hysteresis 5000 --timeout 240 >/tmp/watch.txt 2>&1 &
	watch=$!
	wait_for 120 "uoom watch to open /dev/oom_notify" grep -q watching /tmp/watch.txt
fi
open_gate
wait_exit 180 "the allocator to be OOM-killed" "$alloc"
if [ -n "$watch" ]; then
	# The OOM event is the last; a slow JVM prints it late, so it must be in before the stop.
	ktap_check "uoom watch heard the OOM" heard_oom
	kill "$watch"
	wait_exit 30 "uoom watch to stop" "$watch"
	ktap_diag "$ uoom watch --level LOW --hysteresis 5000"
	ktap_diag "$(cat /tmp/watch.txt)"
fi
fate important expendable alloc
ktap_check "the OOM killer killed something" test -s /mnt/victims
ktap_finish
