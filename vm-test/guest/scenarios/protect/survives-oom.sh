# A protected large process survives two OOMs: one decided by the kernel's heuristic, and one
# with the protected process at the head of the queue. Protection wins.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"
# shellcheck source=SCRIPTDIR/lib.sh
. "$UOOM_REPO/vm-test/guest/scenarios/protect/lib.sh"

first_victim_is() { [ "$(sed -n 1p /mnt/victims)" = "$1" ]; }
second_victim_is() { [ "$(sed -n 2p /mnt/victims)" = "$1" ]; }
queue() { echo "$*" >/proc/oom; }

ktap_plan 8
hog big 280 hold
hog small 16 hold
ktap_check "setprotection big" protect "$big" 1
ktap_check "big's oom_score_adj is -1000" adj_is "$big" -1000
gated alloc
open_gate
wait_exit 180 "the first allocator to be OOM-killed" "$alloc"
ktap_check "the first allocator ended by SIGKILL" test $? -eq 137
gated alloc2
ktap_check "queue: big small alloc2" queue "$big" "$small" "$alloc2"
open_gate
wait_exit 180 "the second OOM to end" "$alloc2"
ktap_check "the second allocator ended by SIGKILL" test $? -eq 137
fate big small alloc alloc2
ktap_check "the protected process survived both OOMs" grep -q "^big .* alive" /mnt/fate
ktap_check "heuristic: the allocator was taken first" first_victim_is "$alloc"
ktap_check "queue: its first unprotected entry was taken next" second_victim_is "$small"
ktap_finish
