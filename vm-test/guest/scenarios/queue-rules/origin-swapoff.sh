# oom_task_origin(): swapoff marks itself with set_current_oom_origin() while try_to_unuse() faults
# swapped-out memory back in. A process is pushed into zram swap (its memcg's memory.max), the
# rest of the guest is filled, and swapoff runs out of memory: the OOM killer must take swapoff
# first, before the queued small process (with uoom) or the largest one (without).
# Saves fate (oom.sh), dmesg and, with tracefs, the oom_select trace in /mnt.
# SWAPPED_MIB (200) sizes the swapped process; zram fills slowly under KASAN.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"

T=/sys/kernel/tracing
zram_swap() {
	[ -e /sys/block/zram0 ] || echo 1 >/sys/class/zram-control/hot_add
	echo 1G >/sys/block/zram0/disksize && mkswap /dev/zram0 >/dev/null && swapon /dev/zram0 &&
		grep -q zram0 /proc/swaps
}
swap_used_mib() { awk '$1 == "/dev/zram0" { print int($4 / 1024) }' /proc/swaps; }
avail_mib() { awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo; }
kills() { dmesg | grep -c "Killed process"; }
# trace_on: record the hook's verdicts, if the kernel has them (patched) and tracefs mounts.
trace_on() {
	mountpoint -q $T || mount -t tracefs nodev $T 2>/dev/null
	[ -d $T/events/oom/oom_select_verdict ] || return 0
	echo 1 >$T/events/oom/oom_select_verdict/enable
	echo 1 >$T/events/oom/oom_select_overruled/enable
}

ktap_plan 8
ktap_check "zram swap is on" zram_swap
cg=/sys/fs/cgroup/swapbox
echo +memory >/sys/fs/cgroup/cgroup.subtree_control
mkdir $cg
echo 16M >$cg/memory.max
# Children of this shell start in the group: its limit pushes all but 16 MiB into swap.
echo $$ >$cg/cgroup.procs
hog swapped "${SWAPPED_MIB:=200}" hold
echo $$ >/sys/fs/cgroup/cgroup.procs
# Let swapoff fault the pages back in without a memcg OOM: the OOM must be global.
echo max >$cg/memory.max
ktap_diag "swap used: $(swap_used_mib) MiB"
ktap_check "the swapped process is mostly in swap" test "$(swap_used_mib)" -ge $((SWAPPED_MIB * 3 / 4))
hog small 16 hold
# Leave less free than swapoff has to fault back in.
hog filler $(($(avail_mib) - 48)) hold
ktap_diag "available: $(avail_mib) MiB, swap used: $(swap_used_mib) MiB"
if [ -e /proc/oom ]; then
	ktap_check "queue the small process" sh -c "echo $small >/proc/oom"
else
	ktap_ok "no uoom module: nothing queued"
fi
trace_on
ktap_check "no OOM kill before swapoff" test "$(kills)" -eq 0
killable swapoff /dev/zram0 &
swapoff=$!
wait_exit 300 "swapoff to end" "$swapoff"
status=$?
ktap_check "swapoff ended by SIGKILL" test "$status" -eq 137
fate swapoff small swapped filler
dmesg >/mnt/dmesg
[ -e $T/trace ] && cat $T/trace >/mnt/trace
ktap_check "the first victim is swapoff" test "$(head -n 1 /mnt/victims)" = "$swapoff"
ktap_check "the small process survived" grep -q "^small .* alive" /mnt/fate
kill -9 "$small" "$swapped" "$filler"
wait "$small" "$swapped" "$filler" 2>/dev/null
ktap_check "swapoff succeeds once memory is free" swapoff /dev/zram0
# Leave no group behind for the next scenario of a suite.
rmdir $cg
ktap_finish
