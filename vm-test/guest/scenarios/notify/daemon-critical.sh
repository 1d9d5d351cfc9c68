# The daemon's on-critical reaction: as an allocator drives the guest to OOM, the daemon hears
# CRITICAL from /dev/oom_notify, sends SIGUSR1 to the one process its match names (and to no
# other), and runs its command. The daemon's config is /mnt/daemon.yaml.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"
# shellcheck source=SCRIPTDIR/lib.sh
. "$UOOM_REPO/vm-test/guest/scenarios/notify/lib.sh"

# receiver NAME: a shell with NAME last in its command line that appends "usr1" to /tmp/NAME
# at each SIGUSR1.
receiver() { sh -c 'trap "echo usr1 >>/tmp/$0" USR1; while :; do sleep 0.2; done' "$1" & }

ktap_plan 7
rm -f /tmp/usr1-receiver /tmp/bystander /tmp/critical-command
receiver usr1-receiver
registered=$!
receiver bystander
bystander=$!
"$UOOM_REPO/out/uoom" daemon --config /mnt/daemon.yaml 2>/mnt/daemon.log &
daemon=$!
# A guest JVM starts in about 10 s; the first ranking follows at once.
wait_for 120 "the daemon's first re-ranking" grep -q "re-ranking" /mnt/daemon.log
hog alloc inf
wait_exit 180 "the allocator to be OOM-killed" "$alloc"
ktap_check "the allocator ended by SIGKILL" test $? -eq 137
wait_until 30 grep -q "on-critical: started" /mnt/daemon.log
wait_until 10 test -s /tmp/critical-command
wait_until 10 test -s /tmp/usr1-receiver
# A signal to the bystander would have come with the other one; give it a second to show.
sleep 1
ktap_diag "$(grep -E 'pressure|on-critical|oom:' /mnt/daemon.log | cut -c25- | head -n 12)"
ktap_check "the daemon heard CRITICAL" grep -q "INFO pressure CRITICAL" /mnt/daemon.log
ktap_check "the daemon logged SIGUSR1 to the matching process" \
	grep -q "on-critical: SIGUSR1 to pid $registered (sh)" /mnt/daemon.log
ktap_check "the matching process got SIGUSR1" grep -q usr1 /tmp/usr1-receiver
ktap_check "the bystander got no signal" test ! -e /tmp/bystander
ktap_check "the command ran" grep -q ran /tmp/critical-command
fate alloc
ktap_check "the allocator was the OOM victim" grep -qx "$alloc" /mnt/victims
kill "$daemon" "$registered" "$bystander"
wait_exit 30 "the daemon to exit on SIGTERM" "$daemon"
ktap_finish
