# A queued process exits and its pid number is given to a new process: the queue held the old
# process, not the number, so the OOM takes the allocator queued after it and the new one survives.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"

queue() { echo "$*" >/proc/oom; }
not_queued() { ! grep -qw "$1" /proc/oom; }

ktap_plan 5
# Allocate pids up to 320 so that a small pid_max makes the number come round again.
while [ "${p:-0}" -lt 320 ]; do true & p=$!; wait $p; done
gated alloc
hog old 8 hold
ktap_check "queue old, then the allocator" queue "$old" "$alloc"
kill -9 "$old"
wait_exit 30 "old to die of SIGKILL" "$old"
echo $((old + 1)) >/proc/sys/kernel/pid_max
tries=0
while [ $tries -lt 100 ]; do
	# Burn pids until one just below $old (which may be taken) was the last, then fork.
	target=$((old - 1 - tries % 3)) n=0
	while [ $n -lt 1000 ]; do
		true & p=$!; wait $p; n=$((n + 1))
		[ $p = $target ] && break
	done
	hog new 8 hold
	[ "$new" = "$old" ] && break
	kill -9 "$new"
	wait_exit 30 "new to die of SIGKILL" "$new"
	tries=$((tries + 1))
done
ktap_diag "after $tries tries"
ktap_check "the pid of old was recycled" test "$new" = "$old"
ktap_check "the recycled pid is not in the queue" not_queued "$new"
ktap_diag "queue: $(cat /proc/oom)"
open_gate
wait_exit 180 "the allocator to be OOM-killed" "$alloc"
fate new alloc
ktap_check "the new process survived" grep -q "^new .* alive" /mnt/fate
ktap_check "the allocator was the victim" grep -qx "$alloc" /mnt/victims
ktap_finish
