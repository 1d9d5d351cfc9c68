# The cost of an event against the number of open files: in each episode a lone LOW reader
# (hysteresis 0) waits while a churner touches 200 MiB for 3 s with all but 50 MiB of the guest
# held by a filler and zram swap behind it, once with no other file open and once with IDLE files
# of /dev/oom_notify open (held by one process, never polled or read). Episodes alternate
# between the two, EPISODES of each. The Java side compares the lone reader's wake-up latency and
# the churner's throughput between them.
#
# Parameters: IDLE (default 10000), EPISODES (default 3).
# hog (oom.sh) sets the variable it is named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"
# shellcheck source=SCRIPTDIR/../notify/lib.sh
. "$UOOM_REPO/vm-test/guest/scenarios/notify/lib.sh"

IDLE=${IDLE:-10000}
EPISODES=${EPISODES:-3}

ktap_plan 4
ktap_check "uoom is loaded" load_uoom
zram_swap
i=1
while [ $i -le $((EPISODES * 2)) ]; do
	if [ $((i % 2)) = 0 ]; then n=$IDLE; else n=0; fi
	"$P" idle $n 60 >/mnt/idle$i.log &
	idle=$!
	listening /mnt/idle$i.log
	avail=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
	# 50 MiB: a churner slowed by a busy host must still reach reclaim in its 3 s (with 100 MiB
	# left it once touched 69 MiB and woke nothing).
	hog filler $((avail - 50)) hold
	"$P" watch /dev/oom_notify 1 0 30 >/mnt/ep$i.low &
	w=$!
	listening /mnt/ep$i.low
	echo $n >/mnt/ep$i.idle
	"$P" now >/mnt/ep$i.start
	churn /mnt/ep$i.churn 200 3
	kill $w $filler $idle 2>/dev/null
	for pid in $w $filler $idle; do
		wait_exit 30 "process $pid to exit on SIGTERM" "$pid"
	done
	sleep 2
	i=$((i + 1))
done
ktap_check "every churner finished" sh -c "test \"\$(cat /mnt/ep*.churn | grep -c touched)\" = $((EPISODES * 2))"
ktap_check "the idle files were open" grep -qx "idle open=$IDLE" /mnt/idle2.log
ktap_finish
