# Pid namespaces: only the initial pid namespace writes /proc/oom (a writer in a child one would
# replace entries it cannot see: EPERM, nothing changed); /proc/oom_kill_protection/ctl resolves
# pids in the writer's namespace; /proc/oom and status show them in the reader's, leaving out
# processes the reader cannot see. A shell in a new pid namespace (pid 1 there, with its own
# /proc) protects its child by its inner pid 2, and its queue write is refused; the root
# namespace queues the child by its outer pid, which reads back as 2 inside. A reader in a new
# namespace that reads through the root namespace's /proc sees neither.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"

CTL=/proc/oom_kill_protection/ctl
queue_is() { [ "$(cat /proc/oom)" = "$1" ]; }
file_is() { [ "$(cat "$1")" = "$2" ]; }
# protected_pids: the pids /proc/oom_kill_protection/status lists, one a line.
protected_pids() { awk 'NR > 3 { print $1 }' /proc/oom_kill_protection/status; }
# lists FILE PID...: FILE has a line that is each PID. lacks FILE PID...: has none of them.
lists() {
	_f=$1
	shift
	for _p; do grep -qx "$_p" "$_f" || { echo "$_p not in $_f"; return 1; }; done
}
lacks() {
	_f=$1
	shift
	for _p; do ! grep -qw "$_p" "$_f" || { echo "$_p in $_f"; return 1; }; done
}
# The child's outer pid: the process whose NSpid ends in 2 in a nested namespace.
inner_child() {
	grep -l "^NSpid:[[:space:]]*[0-9][0-9]*[[:space:]][[:space:]]*2$" /proc/[0-9]*/status 2>/dev/null | cut -d/ -f3
}
# fresh_and_blind: a reader in a new pid namespace, reading /proc/oom and the protected pids
# through the root namespace's /proc, sees neither $out nor $inner.
fresh_and_blind() {
	# shellcheck disable=SC2016
	unshare -p -f awk 'FILENAME == "/proc/oom" { print; next } FNR > 3 { print $1 }' \
		/proc/oom /proc/oom_kill_protection/status >/tmp/fresh || { echo "the reader failed"; return 1; }
	cat /tmp/fresh
	lacks /tmp/fresh "$out" "$inner"
}
inside_status_ok() { lists /tmp/ns.status 2 && lacks /tmp/ns.status "$out" "$inner"; }

# The shell that runs in the new namespace. It waits for /tmp/ns.go at most 60 s.
cat >/tmp/inner.sh <<'INNER'
sleep 1000 >/dev/null 2>&1 &
echo "$$ $!" >/tmp/ns.pids
perl -e 'open(my $f, ">", "/proc/oom") or die "open: $!\n";
	print defined(syswrite($f, "2")) ? "ok\n" : "$!\n"' >/tmp/ns.write
echo setprotection 2 1 >/proc/oom_kill_protection/ctl &&
	awk 'NR > 3 { print $1 }' /proc/oom_kill_protection/status >/tmp/ns.status
echo ready >/tmp/ns.ready
. "$UOOM_REPO/vm-test/guest/ktap.sh"
wait_until 60 test -e /tmp/ns.go
cat /proc/oom >/tmp/ns.queue
echo done >/tmp/ns.done
# Pid 1 of the namespace stays, or its exit would kill the child.
wait
INNER

ktap_plan 10
sleep 1000 >/dev/null 2>&1 &
out=$!
echo setprotection $out 1 >$CTL
echo $out >/proc/oom
unshare -p -f --mount-proc sh /tmp/inner.sh >/tmp/inner.log 2>&1 &
wait_for 30 "the shell in the new namespace to try the queue and protect its child" test -e /tmp/ns.ready
inner=$(inner_child)
ktap_diag "outer pid of the child: $inner; outside process $out"
[ -n "$inner" ] || { ktap_diag "$(cat /tmp/inner.log)"; ktap_bail "found the child's outer pid"; }
ktap_check "inside, the shell is pid 1 and its child pid 2" file_is /tmp/ns.pids "1 2"
ktap_diag "inside, writing 2: $(cat /tmp/ns.write)"
ktap_check "inside, a queue write gets EPERM" file_is /tmp/ns.write "Operation not permitted"
ktap_check "the refused write left the queue as the root namespace wrote it" queue_is "$out"
# status lists every process at -1000, the scenario's shell and its children too.
ktap_check "inside, status lists the child as 2 and not the outside process" inside_status_ok
protected_pids >/tmp/status
ktap_check "outside, status lists both by their outer pids" lists /tmp/status "$out" "$inner"
ktap_check "the child is protected" file_is "/proc/$inner/oom_score_adj" -1000
echo "$out $inner" >/proc/oom
touch /tmp/ns.go
wait_for 30 "the shell in the new namespace to read the queue" test -e /tmp/ns.done
ktap_check "outside, the queue holds both" queue_is "$out $inner"
ktap_check "inside, a queue of both reads back as 2 alone" file_is /tmp/ns.queue 2
ktap_check "a reader in another namespace, same /proc: neither process shown" fresh_and_blind
ktap_check "rmmod uoom" rmmod uoom
kill "$inner" "$out"
ktap_finish
