# Who the OOM killer takes: a large process, a small one, and an allocator that drives the guest
# out of memory. With uoom loaded, the small process and then the allocator are queued.
#
# Parameters: BIG_MIB, the large process's size (280 by default, for a 512 MiB guest);
# OOM_WAIT_SECS, how long the allocator may take to be killed (180 by default).
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"

queue() { echo "$*" >/proc/oom; }

ktap_plan 3
hog big "${BIG_MIB:-280}" hold
hog small 16 hold
gated alloc
if [ -e /proc/oom ]; then
	ktap_check "queue the small process, then the allocator" queue "$small" "$alloc"
	ktap_diag "$(cat /proc/oom_status)"
else
	ktap_ok "no uoom module: nothing queued"
fi
open_gate
wait_exit "${OOM_WAIT_SECS:-180}" "the allocator to be OOM-killed" "$alloc"
status=$?
# The allocator never stops on its own: only the OOM killer's SIGKILL ends it.
ktap_check "the allocator ended by SIGKILL" test "$status" -eq 137
fate big small alloc
[ -e /proc/oom_status ] && ktap_diag "$(cat /proc/oom_status)"
ktap_check "the kernel logged an OOM kill" test -s /mnt/victims
ktap_finish
