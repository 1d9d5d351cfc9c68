# Provenance of a hooked OOM kill: the kill of the queued process names uoom's policy in the kill
# message and the OOM report, the oom:oom_select_verdict tracepoint records the verdict, and the
# next kill, which the heuristic chooses once the queue is empty, names no policy.
# Saves fate (oom.sh), dmesg and the trace in /mnt.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"

T=/sys/kernel/tracing
trace_on() {
	{ mountpoint -q $T || mount -t tracefs nodev $T; } &&
		echo 1 >$T/events/oom/oom_select_verdict/enable
}
logged() { grep -q -e "$1" /mnt/dmesg || { echo "not in dmesg: $1"; return 1; }; }

ktap_plan 8
ktap_check "mode: hooked" grep -qx "mode: hooked" /proc/oom_status
ktap_check "the oom_select_verdict tracepoint is on" trace_on
hog small 16 hold
gated alloc
ktap_check "queue the small process" sh -c "echo $small >/proc/oom"
open_gate
wait_exit 180 "the allocator to be OOM-killed" "$alloc"
status=$?
ktap_check "the allocator ended by SIGKILL" test "$status" -eq 137
fate small alloc
dmesg >/mnt/dmesg
cat $T/trace >/mnt/trace
ktap_check "the kill message names the policy" logged "Out of memory (policy uoom): Killed process $small (memhog)"
ktap_check "the OOM report names the policy and its module" logged "oom-kill: victim chosen by OOM policy uoom (uoom)"
ktap_check "the heuristic's kill names no policy" logged "Out of memory: Killed process $alloc (memhog)"
ktap_check "the tracepoint recorded the verdict" \
	grep -q "oom_select_verdict: policy=uoom pid=$small comm=memhog verdict=chosen" /mnt/trace
ktap_finish
