# The daemon writes the queue and is then killed with SIGKILL. The queue it left still decides
# the victim: the kernel, not the daemon, acts on it. The daemon's config is /mnt/daemon.yaml.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"

queue_is() { [ "$(cat /proc/oom)" = "$1" ]; }
first_victim_is() { [ "$(head -n 1 /mnt/victims)" = "$1" ]; }

ktap_plan 7
# The JVM goes first, so that its memory is in before the hogs'.
"$UOOM_REPO/out/uoom" daemon --config /mnt/daemon.yaml 2>/mnt/daemon.log &
daemon=$!
# A guest JVM starts in about 10 s; the first ranking follows at once.
wait_for 120 "the daemon's first re-ranking" grep -q "re-ranking" /mnt/daemon.log
ktap_diag "daemon $(grep -E '^Vm(RSS|Lck)' "/proc/$daemon/status" | tr -s '\t\n ' ' ')"
ktap_check "the daemon's memory is locked as it is faulted in (VmFlags lf)" \
	grep -q '^VmFlags:.* lf' "/proc/$daemon/smaps"
# Locking every mapping made 219 MiB resident here, the JDK's module image included.
# (VmLck counts whole on-fault mappings, not what is resident.)
rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$daemon/status")
ktap_check "the daemon's resident set is under 128 MiB ($rss kB)" test "$rss" -lt 131072
hog big 280 hold
hog small 16 hold
gated alloc
# The daemon re-ranks every second (rerank-interval: 1).
wait_for 60 "the daemon to queue the small process, then the allocator" queue_is "$small $alloc"
ktap_check "the daemon queued the small process, then the allocator" queue_is "$small $alloc"
kill -9 "$daemon"
wait_exit 30 "the daemon to die of SIGKILL" "$daemon"
ktap_check "the daemon is gone" test ! -d "/proc/$daemon"
open_gate
wait_exit 180 "the allocator to be OOM-killed" "$alloc"
fate big small alloc
ktap_diag "$(tail -n 5 /mnt/daemon.log)"
ktap_check "the small process was the first victim" first_victim_is "$small"
ktap_check "the large process survived" grep -q "^big .* alive" /mnt/fate
ktap_check "the daemon logged its decision" grep -q "wrote 2 pids" /mnt/daemon.log
ktap_finish
