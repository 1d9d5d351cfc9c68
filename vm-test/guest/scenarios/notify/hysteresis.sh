# One reader's hysteresis must not hold back another's records. Reader A (threshold MEDIUM,
# hysteresis 60 s, /mnt/hold.log) reads one record and keeps its file open unread; reader B
# (LOW, 100 ms, /mnt/b.log) must keep hearing LOW and MEDIUM while a churner keeps the guest in
# reclaim for 40 s behind a filler; reader C, set up like A, first reads into a read-only page (/mnt/efault.log).
# /mnt/churn-end is CLOCK_MONOTONIC when the churn ended. The host counts B's records.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"
# shellcheck source=SCRIPTDIR/lib.sh
. "$UOOM_REPO/vm-test/guest/scenarios/notify/lib.sh"

# pressure: MemFree and the reclaim counters, on one line, to tell "no pressure" from "no record".
pressure() {
	awk '/^MemFree:/ { printf "MemFree %s kB ", $2 }' /proc/meminfo
	grep -E '^(pageoutrun|allocstall_(dma32|normal|movable)|pswpout) ' /proc/vmstat | tr '\n' ' '
	echo
}

ktap_plan 4
zram_swap
# A filler holds all but 60 MiB before the readers start, so the churn is in reclaim within its
# first 60 MiB however slowly the guest runs (without it, a debug guest on a busy host touched
# 188 MiB in 40 s, less than MemFree: no reclaim, and no record for anyone).
avail=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
HOG_READY_SECS=150 hog filler $((avail - 60)) hold
ktap_diag "a filler holds $((avail - 60)) MiB of $avail MiB available"
"$P" hold 2 60000 70 >/mnt/hold.log &
a=$!
"$P" hold 2 60000 70 efault >/mnt/efault.log &
c=$!
"$P" watch /dev/oom_notify 1 100 70 >/mnt/b.log &
b=$!
listening /mnt/hold.log /mnt/efault.log /mnt/b.log
pressure >/mnt/pressure-before
churn /mnt/churn.log 300 40
pressure >/mnt/pressure-after
"$P" now >/mnt/churn-end
kill $a $b $c $filler 2>/dev/null
for pid in $a $b $c $filler; do
	wait_exit 30 "process $pid to exit on SIGTERM" "$pid"
done
ktap_diag "$(cat /mnt/churn.log /mnt/hold.log /mnt/efault.log; records /mnt/b.log) records for B"
ktap_diag "reclaim before the churn: $(cat /mnt/pressure-before)"
ktap_diag "reclaim after the churn:  $(cat /mnt/pressure-after)"
ktap_check "A read one record and held its file" test "$(records /mnt/hold.log)" = 1
ktap_check "B got records" grep -q "^recv=" /mnt/b.log
ktap_check "C read after its EFAULT" grep -q "^recv=" /mnt/efault.log
ktap_finish
