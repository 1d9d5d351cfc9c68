# A Java application (guest/tools/CacheDemo.java, on dev.uoom.api.OomNotifier) frees its 256 MiB
# cache at the first LOW event of /dev/oom_notify, as a process takes all but 32 MiB of what is
# available. The demo's anonymous resident set (RssAnon: no swap here, so only free() lowers it)
# before and after goes to /mnt/demo-anon-before and /mnt/demo-anon-after, MemAvailable after
# to /mnt/avail-after.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"
# shellcheck source=SCRIPTDIR/lib.sh
. "$UOOM_REPO/vm-test/guest/scenarios/notify/lib.sh"

# /proc/meminfo pads with spaces, /proc/PID/status with a tab.
avail() { awk '$1 == "MemAvailable:" { print $2 }' /proc/meminfo; }
anon_kb() { awk '$1 == "RssAnon:" { print $2 }' "/proc/$1/status"; }
ready_or_gone() { grep -q ready /mnt/demo.log || exited "$demo"; }
# freed_kb MIN: the demo's RssAnon fell by at least MIN kB.
freed_kb() {
	_b=$(cat /mnt/demo-anon-before) _a=$(cat /mnt/demo-anon-after)
	[ -n "$_b" ] && [ -n "$_a" ] || { echo "no RssAnon read (before '$_b', after '$_a')"; return 1; }
	_d=$((_b - _a))
	echo "RssAnon fell by $_d kB"
	[ "$_d" -ge "$1" ]
}

ktap_plan 7
ktap_check "/dev/oom_notify exists" test -c /dev/oom_notify || ktap_finish
rm -f /mnt/demo.log
java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$UOOM_REPO/out/uoom.jar:$UOOM_REPO/out/tools" CacheDemo 256 \
	>/mnt/demo.log 2>&1 &
demo=$!
wait_for 180 "the demo to fill its cache (or exit)" ready_or_gone
echo -900 >"/proc/$demo/oom_score_adj"
ktap_check "the demo filled its cache and listens" grep -q "cache 256 MiB ready, threshold LOW" /mnt/demo.log
anon_kb "$demo" >/mnt/demo-anon-before
# Take all but 32 MiB of what is available: the kernel must reclaim, kswapd wakes (LOW).
hog push $(($(avail) / 1024 - 32)) hold
wait_until 30 grep -q freed /mnt/demo.log
anon_kb "$demo" >/mnt/demo-anon-after
avail >/mnt/avail-after
ktap_diag "$(cat /mnt/demo.log)"
ktap_diag "RssAnon $(cat /mnt/demo-anon-before) kB before, $(cat /mnt/demo-anon-after) kB after; MemAvailable after: $(cat /mnt/avail-after) kB"
ktap_check "the demo freed its cache at LOW" grep -q "freed 256 MiB at LOW" /mnt/demo.log
# 256 MiB less what the JVM may have taken meanwhile.
ktap_check "the demo's resident set fell by 224 MiB or more" freed_kb $((224 * 1024))
fate demo push
ktap_check "the pushing process lives" grep -q "^push .* alive" /mnt/fate
ktap_check "the demo lives" grep -q "^demo .* alive" /mnt/fate
ktap_check "the OOM killer did not run" test ! -s /mnt/victims
kill "$demo" "$push"
ktap_finish
