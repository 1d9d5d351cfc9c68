# The seed's "moderate" sequence on the v2 group /sys/fs/cgroup/memcg-handle: memory.high below
# memory.max throttles the group instead of letting the kernel kill; uoom memcg handle --once
# (its log in /mnt/handle.log) freezes the group, kills the largest process, raises both limits,
# thaws, and restores them after the hold. The other process gets its memory, and the kernel's
# OOM killer never runs. A sampler outside the group records each change of the frozen state
# and memory.max (/mnt/samples).
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"
# shellcheck source=SCRIPTDIR/lib.sh
. "$UOOM_REPO/vm-test/guest/scenarios/memcg/lib.sh"

ktap_plan 13
v2_group memcg-handle
echo 64M >"$cg/memory.max"
echo 40M >"$cg/memory.high"
"$UOOM" memcg handle "$cg" --once --raise 50% --hold 2 --timeout 150 2>/mnt/handle.log &
handler=$!
watching "handle" /mnt/handle.log
# Outside the group, every 20 ms (for 200 s at most): each change of the frozen state and memory.max.
rm -f /tmp/stop-sampling /tmp/nap
mkfifo /tmp/nap
bash -c 'exec 9<>/tmp/nap; last=
	while [ ! -e /tmp/stop-sampling ] && [ $SECONDS -lt 200 ]; do
		mapfile -t ev <"$1/cgroup.events"; read -r max <"$1/memory.max"
		s="${ev[1]} max $max"; [ "$s" = "$last" ] || echo "$s"; last=$s
		read -t 0.02 -u 9 _
	done' sampler "$cg" >/mnt/samples &
sampler=$!
enter_group
hog big 24 hold
killable "$HOG" 32 hold >/tmp/push.out &
push=$!
leave_group
wait_exit 180 "the handler to handle one event (its --timeout is 150 s)" "$handler"
ktap_check "the handler handled one event" test $? -eq 0
touch /tmp/stop-sampling
wait_exit 10 "the sampler to stop" "$sampler"
ktap_diag "$(cat /mnt/handle.log)"
ktap_diag "sampled: $(tr '\n' ';' </mnt/samples)"
ktap_check "the sampler saw the group frozen" grep -q "^frozen 1 " /mnt/samples
ktap_check "the sampler saw memory.max raised to 96 MiB" grep -q " max 100663296$" /mnt/samples
ktap_check "the last sample is thawed with memory.max restored" \
	test "$(tail -n 1 /mnt/samples)" = "frozen 0 max 67108864"
wait_until 30 grep -q ready /tmp/push.out
ktap_check "the pushing process got its memory" grep -q ready /tmp/push.out
fate big push
ktap_check "the largest process was killed" grep -q "^big .* dead" /mnt/fate
ktap_check "the pushing process lives" grep -q "^push .* alive" /mnt/fate
ktap_check "memory.max is restored" test "$(cat "$cg/memory.max")" = 67108864
ktap_check "memory.high is restored" test "$(cat "$cg/memory.high")" = 41943040
ktap_check "the group is thawed" grep -qx "frozen 0" "$cg/cgroup.events"
ktap_diag "$(cat "$cg/memory.events")"
ktap_check "the kernel's OOM killer did not run" grep -qx "oom_kill 0" "$cg/memory.events"
kill "$push"
wait_exit 30 "the pushing process to exit on SIGTERM" "$push"
ktap_check "remove the group" rmdir "$cg"
ktap_finish
