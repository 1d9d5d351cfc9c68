# uoom memcg watch on the v2 group /sys/fs/cgroup/memcg-watch: a memhog driven over memory.max
# is OOM-killed by the kernel; watch, woken by POLLPRI on memory.events, reports the max, oom and
# oom_kill counts (/mnt/watch.json), and exits on SIGINT.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"
# shellcheck source=SCRIPTDIR/lib.sh
. "$UOOM_REPO/vm-test/guest/scenarios/memcg/lib.sh"

seconds() { read -r _up _ </proc/uptime; echo "${_up%.*}"; }

ktap_plan 7
v2_group memcg-watch
echo 32M >"$cg/memory.max"
# A background job of a non-interactive shell starts with SIGINT ignored; undo that.
env --default-signal=INT "$UOOM" memcg watch "$cg" --json --timeout 100 >/mnt/watch.json 2>/mnt/watch.err &
watch=$!
watching "watch" /mnt/watch.err
enter_group
hog grower inf
leave_group
wait_exit 60 "the kernel's OOM killer to end the grower" "$grower"
st=$?
ktap_check "the kernel's OOM killer ended the grower (status $st)" test $st -eq 137
wait_until 30 grep -q '"oom_kill"' /mnt/watch.json
t0=$(seconds)
kill -INT $watch
wait_exit 30 "watch to exit on SIGINT" $watch
st=$?
ktap_check "watch exited on SIGINT (status $st)" sh -c "case $st in 0|130) ;; *) false ;; esac"
t1=$(seconds)
ktap_check "it exited within 10 s, not at its 100 s timeout" test $((t1 - t0)) -lt 10
ktap_check "watch is gone" test ! -d /proc/$watch
ktap_diag "$(cat /mnt/watch.json)"
cat "$cg/memory.events" >/mnt/memory.events
ktap_check "memory.events counts one OOM kill" grep -qx "oom_kill 1" "$cg/memory.events"
ktap_check "remove the group" rmdir "$cg"
ktap_finish
