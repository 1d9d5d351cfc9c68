# As an allocator drives the guest to OOM, a LOW reader wakes with LOW, MEDIUM, CRITICAL, then
# OOM naming the victim (/mnt/low.log); a CRITICAL reader sleeps through LOW and MEDIUM
# (/mnt/critical.log).
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"
# shellcheck source=SCRIPTDIR/lib.sh
. "$UOOM_REPO/vm-test/guest/scenarios/notify/lib.sh"

no_low_or_medium() { ! grep -Eq 'level=(LOW|MEDIUM) ' /mnt/critical.log; }

ktap_plan 5
"$P" watch /dev/oom_notify 1 0 90 >/mnt/low.log &
low=$!
"$P" watch /dev/oom_notify_critical 3 0 90 >/mnt/critical.log &
critical=$!
listening /mnt/low.log /mnt/critical.log
gated alloc
open_gate
wait_exit 180 "the allocator to be OOM-killed" "$alloc"
ktap_check "the allocator ended by SIGKILL" test $? -eq 137
# Each reader exits 3 s after its first OOM record, or after its 90 s.
wait_exit 120 "the LOW reader to exit" "$low"
wait_exit 120 "the CRITICAL reader to exit" "$critical"
fate alloc
ktap_diag "$(cat /mnt/low.log /mnt/critical.log)"
ktap_check "the allocator was killed" grep -q "^alloc .* dead" /mnt/fate
ktap_check "the LOW reader got OOM naming the allocator" grep -q "level=OOM .* victim=$alloc " /mnt/low.log
ktap_check "the CRITICAL reader got OOM" grep -q "level=OOM" /mnt/critical.log
ktap_check "the CRITICAL reader slept through LOW and MEDIUM" no_low_or_medium
ktap_finish
