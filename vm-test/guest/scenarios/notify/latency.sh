# Wake-up latency: TRIALS pressure episodes (default 5). In episode I, a fresh LOW reader of
# /dev/oom_notify (hysteresis 0, /mnt/latI.low), a PSI trigger (/mnt/latI.psi) and 1 Hz sampling
# (/mnt/latI.sample) wait while a churner touches 200 MiB for 3 s (/mnt/latI.churn), with all but
# 50 MiB held by a fresh filler and zram swap behind it; /mnt/latI.start is CLOCK_MONOTONIC just
# before the churner starts. The peers print every wake-up: the host takes the first one at or
# after the episode's first LOW record. Then the filler exits and everything settles for 2 s.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"
# shellcheck source=SCRIPTDIR/lib.sh
. "$UOOM_REPO/vm-test/guest/scenarios/notify/lib.sh"

avail_mib() { awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo; }
churned() { test "$(cat /mnt/lat*.churn | grep -c touched)" = "$1"; }

TRIALS=${TRIALS:-5}
ktap_plan 2
zram_swap
rm -f /mnt/lat*.*
i=1
while [ $i -le "$TRIALS" ]; do
	# A fresh filler takes all but 50 MiB, so that the churner enters reclaim within a second or two
	# (with 100 MiB left, a first episode's churner once touched 81 MiB in its 3 s and woke nothing).
	avail=$(avail_mib)
	hog filler $((avail - 50)) hold
	ktap_diag "episode $i: MemAvailable $avail MiB, with the filler $(avail_mib) MiB"
	"$P" watch /dev/oom_notify 1 0 30 >/mnt/lat$i.low &
	w=$!
	"$P" psi 30 >/mnt/lat$i.psi &
	p=$!
	"$P" sample 30 >/mnt/lat$i.sample &
	s=$!
	listening /mnt/lat$i.low /mnt/lat$i.psi /mnt/lat$i.sample
	# Start the churner 0.1 to 0.9 s after the pollers, so that the sampler's phase differs.
	sleep 0.$(((i * 2 - 1) % 10))
	"$P" now >/mnt/lat$i.start
	churn /mnt/lat$i.churn 200 3
	kill $w $p $s "$filler" 2>/dev/null
	for pid in $w $p $s "$filler"; do
		wait_exit 30 "pid $pid of episode $i to exit on SIGTERM" "$pid"
	done
	sleep 2
	i=$((i + 1))
done
ktap_check "every episode's churner finished" churned "$TRIALS"
ktap_finish
