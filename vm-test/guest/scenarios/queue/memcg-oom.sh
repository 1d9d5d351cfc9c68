# A memcg OOM takes the first queued task inside the memcg; a task queued before it, but outside
# the group, is not a candidate. The heuristic alone would take the allocator.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"

queue() { echo "$*" >/proc/oom; }
first_victim_is() { [ "$(head -n 1 /mnt/victims)" = "$1" ]; }

ktap_plan 4
cg=/sys/fs/cgroup/box
echo +memory >/sys/fs/cgroup/cgroup.subtree_control
mkdir $cg
echo 64M >$cg/memory.max
hog outside 16 hold
# Children of this shell start in the group.
echo $$ >$cg/cgroup.procs
hog inside 8 hold
gated alloc
echo $$ >/sys/fs/cgroup/cgroup.procs
ktap_check "queue outside, inside, allocator" queue "$outside" "$inside" "$alloc"
open_gate
wait_exit 180 "the allocator to be OOM-killed" "$alloc"
fate outside inside alloc
ktap_diag "$(cat $cg/memory.events)"
ktap_check "the task outside the group survived" grep -q "^outside .* alive" /mnt/fate
ktap_check "the queued task inside the group was the first victim" first_victim_is "$inside"
ktap_check "memory.events counts the kills" grep -q "^oom_kill [1-9]" $cg/memory.events
ktap_finish
