# Protection and processes that share memory (patched kernel): the kernel kills every process that
# shares the victim's mm, so protecting P must protect its CLONE_VM child C too. uoom writes
# oom_score_adj through the kernel's oom_score_adj_set(), which gives C the value (and fires
# oom:oom_score_adj_update); unprotect gives both back their value. Then C, with the largest mm
# and queued first, survives an OOM protected, and so does P; the allocator queued after it dies.
# Saves fate (oom.sh) and the trace in /mnt.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"

T=/sys/kernel/tracing
CTL=/proc/oom_kill_protection/ctl
adj_is() { [ "$(cat "/proc/$1/oom_score_adj")" = "$2" ] || { echo "oom_score_adj of $1 is $(cat "/proc/$1/oom_score_adj"), not $2"; return 1; }; }
both_at() { adj_is "$sharer" "$1" && adj_is "$child" "$1"; }
trace_on() {
	{ mountpoint -q $T || mount -t tracefs nodev $T; } &&
		echo 1 >$T/events/oom/oom_score_adj_update/enable
}

ktap_plan 9
ktap_check "mode: hooked" grep -qx "mode: hooked" /proc/oom_status
ktap_check "the oom_score_adj_update tracepoint is on" trace_on
killable "$UOOM_REPO/out/tools/mm_sharer" 120 >/tmp/sharer.out &
wait_for 60 "mm_sharer to be ready" grep -q ready /tmp/sharer.out
read -r _ sharer child </tmp/sharer.out
echo 300 >"/proc/$sharer/oom_score_adj"
ktap_check "a write to /proc gives the sharer 300 too" both_at 300
echo setprotection "$sharer" 1 >$CTL
ktap_check "protecting the process protects the child sharing its mm" both_at -1000
ktap_check "the tracepoint saw uoom's write" grep -q "oom_score_adj_update: pid=$sharer .* oom_score_adj=-1000" $T/trace
echo setprotection "$sharer" 0 >$CTL
ktap_check "unprotect restores both" both_at 300
echo setprotection "$sharer" 1 >$CTL
gated alloc
echo "$child $alloc" >/proc/oom
open_gate
wait_exit 180 "the allocator to be OOM-killed" "$alloc"
status=$?
ktap_check "the allocator ended by SIGKILL" test "$status" -eq 137
fate sharer child alloc
cat $T/trace >/mnt/trace
ktap_check "the protected process survived" grep -q "^sharer .* alive" /mnt/fate
ktap_check "its queued sharer survived" grep -q "^child .* alive" /mnt/fate
kill -9 "$sharer" "$child"
ktap_finish
