# 60 s of continuous reclaim: a process churns more than RAM through zram swap
# (/mnt/churn.log). The LOW reader (100 ms hysteresis, /mnt/storm.log) gets records carrying
# pswpout, their count stays bounded by the hysteresis, and the churner progresses.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"
# shellcheck source=SCRIPTDIR/lib.sh
. "$UOOM_REPO/vm-test/guest/scenarios/notify/lib.sh"

touched_more_than() { test "$(sed -n 's/touched \([0-9]*\) MiB/\1/p' /mnt/churn.log)" -gt "$1"; }

ktap_plan 5
zram_swap
"$P" watch /dev/oom_notify 1 100 75 >/mnt/storm.log &
w=$!
listening /mnt/storm.log
churn /mnt/churn.log 560 60
kill $w 2>/dev/null
wait_exit 30 "the reader to exit on SIGTERM" $w
n=$(records /mnt/storm.log)
events=$(sed -n 's/.* count=\([0-9]*\)$/\1/p' /mnt/storm.log | awk '{s += $1} END {print s + 0}')
ktap_diag "$(cat /mnt/churn.log)"
ktap_diag "records: $n, events coalesced into them: $events"
ktap_diag "$(grep -E '^Swap' /proc/meminfo; grep '^pswpout' /proc/vmstat)"
ktap_check "the churner progressed past its first pass" touched_more_than 560
ktap_check "the reader got records" test "$n" -gt 0
ktap_check "records carry the pages swapped out (pswpout)" grep -q " swapout=[1-9]" /mnt/storm.log
# 100 ms hysteresis over ~60 s: at most 10 records per second per level, 4 levels.
ktap_check "records stay bounded ($n <= 2400)" test "$n" -le 2400
ktap_finish
