# The seed's own flow on cgroup v1: with oom_kill_disable=1 a task over memory.limit_in_bytes
# waits under OOM instead of being killed; uoom memcg watch learns of it through an eventfd
# registered on memory.oom_control via cgroup.event_control and reports under_oom
# (/mnt/watch.json); uoom memcg handle (/mnt/handle.log) stops the group (SIGSTOP), kills the
# largest task, raises the limit, continues the group (SIGCONT), and the waiting task proceeds;
# the limit comes back. The memory controller moves to a v1 hierarchy at /tmp/memv1, which works
# only while no v2 group uses it: the scenario first takes it out of the v2 root's
# subtree_control, which fails if a v2 group below the root still enables it.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"
# shellcheck source=SCRIPTDIR/lib.sh
. "$UOOM_REPO/vm-test/guest/scenarios/memcg/lib.sh"

v1_memory() {
	if grep -qw memory /sys/fs/cgroup/cgroup.subtree_control; then
		echo -memory >/sys/fs/cgroup/cgroup.subtree_control || return 1
	fi
	mkdir -p /tmp/memv1
	mount -t cgroup -o memory memory /tmp/memv1
}

ktap_plan 11
ktap_check "mount the v1 memory controller" v1_memory
cg=/tmp/memv1/memcg-v1
mkdir "$cg"
echo 40M >"$cg/memory.limit_in_bytes"
echo 1 >"$cg/memory.oom_control"
"$UOOM" memcg watch "$cg" --json --count 1 --timeout 150 >/mnt/watch.json 2>/mnt/watch.err &
watch=$!
"$UOOM" memcg handle "$cg" --once --raise 100% --hold 2 --timeout 150 2>/mnt/handle.log &
handler=$!
watching "watch and handle" /mnt/watch.err /mnt/handle.log
ktap_check "handle listens on an eventfd" grep -q eventfd /mnt/handle.log
enter_group
hog big 24 hold
killable "$HOG" 24 >/tmp/grower.out &
grower=$!
leave_group
wait_exit 180 "watch to report one event (its --timeout is 150 s)" "$watch"
ktap_check "watch reported one event" test $? -eq 0
ktap_diag "$(cat /mnt/watch.json)"
ktap_check "the event is under_oom with the OOM killer disabled" \
	grep -q '"underOom":true,"oomKillDisable":true' /mnt/watch.json
wait_exit 180 "the handler to handle one event (its --timeout is 150 s)" "$handler"
ktap_check "the handler handled one event" test $? -eq 0
ktap_diag "$(cat /mnt/handle.log)"
wait_exit 60 "the waiting task to finish" "$grower"
ktap_check "the waiting task proceeded and finished" test $? -eq 0
ktap_check "it got all its memory" grep -q ready /tmp/grower.out
fate big grower
ktap_check "the largest task was killed" grep -q "^big .* dead" /mnt/fate
ktap_check "memory.limit_in_bytes is restored" test "$(cat "$cg/memory.limit_in_bytes")" = 41943040
ktap_diag "$(cat "$cg/memory.oom_control")"
cat "$cg/memory.oom_control" >/mnt/memory.oom_control
ktap_check "no longer under OOM" grep -qx "under_oom 0" "$cg/memory.oom_control"
ktap_finish
