# Fan-out: 4096 LOW readers in one epoll set (/mnt/fanout.log) and a lone reader (/mnt/low.log)
# wait while an allocator drives the guest to OOM; every reader must get a record.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"
# shellcheck source=SCRIPTDIR/lib.sh
. "$UOOM_REPO/vm-test/guest/scenarios/notify/lib.sh"

ktap_plan 3
"$P" watch /dev/oom_notify 1 0 90 >/mnt/low.log &
low=$!
"$P" fanout 4096 90 >/mnt/fanout.log &
fan=$!
listening /mnt/low.log /mnt/fanout.log
gated alloc
open_gate
# The fan-out exits once every reader has a record, or after its 90 s.
wait_exit 150 "the fan-out readers to exit" "$fan"
fan_rc=$?
wait_exit 180 "the allocator to be OOM-killed" "$alloc"
ktap_check "the allocator ended by SIGKILL" test $? -eq 137
wait_exit 120 "the lone reader to exit" "$low"
ktap_diag "$(cat /mnt/fanout.log; head -1 /mnt/low.log; grep -m1 '^recv=' /mnt/low.log)"
ktap_check "all 4096 readers got a record" test "$fan_rc" = 0
ktap_check "the lone reader got one too" grep -q "^recv=" /mnt/low.log
ktap_finish
