# Protection semantics: unprotect restores the exact value; children inherit and get the saved
# value back when the protection ends (by pid, by the holder's exit, at unload); the seed's
# example works; callers get no more than /proc/PID/oom_score_adj gives them (CAP_SYS_RESOURCE,
# and the owner or CAP_DAC_OVERRIDE), and may drop their own protection; every bad
# input gets its errno; unloading the module restores every saved value (it ends unloaded).
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"
# shellcheck source=SCRIPTDIR/lib.sh
. "$UOOM_REPO/vm-test/guest/scenarios/protect/lib.sh"

NOBODY="--reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all"
# adjs_are ADJ PID...: each PID's oom_score_adj is ADJ.
adjs_are() {
	_want=$1
	shift
	for _p; do
		adj_is "$_p" "$_want" || { echo "oom_score_adj of $_p is $(adj "$_p"), not $_want"; return 1; }
	done
}
unprotect_restores() { protect "$1" 0 && adj_is "$1" "$2"; }
ends_and_restores() { protect "$1" 0 && adjs_are "$2" "$1" "$3"; }
# With only CAP_SYS_RESOURCE: uid 1000; root without CAP_DAC_OVERRIDE.
U1000="--reuid=1000 --regid=1000 --clear-groups --inh-caps=-all,+sys_resource --ambient-caps=-all,+sys_resource --bounding-set=-all,+sys_resource"
NO_DAC="--inh-caps=-dac_override --bounding-set=-dac_override"
NO_SYS_RESOURCE="--inh-caps=-sys_resource --bounding-set=-sys_resource"
# as OPTS MESSAGE CMD...: CMD run by setpriv OPTS prints MESSAGE to stdout (not setpriv's own
# errors, which go to stderr).
as() {
	_opts=$1 _msg=$2
	shift 2
	# shellcheck disable=SC2086
	_out=$(setpriv $_opts "$@")
	echo "$_out"
	case $_out in *"$_msg"*) ;; *) return 1 ;; esac
}
nobody_gets() { as "$NOBODY" "$@"; }
# ctl_as OPTS LINE [MESSAGE]: LINE written to ctl by setpriv OPTS fails with MESSAGE, or
# succeeds without one.
ctl_as() {
	# shellcheck disable=SC2086
	_out=$(printf '%s\n' "$2" | setpriv $1 dd of=$CTL 2>&1)
	_st=$?
	echo "$_out"
	if [ -n "${3:-}" ]; then
		case $_out in *"$3"*) ;; *) return 1 ;; esac
	else
		[ $_st = 0 ]
	fi
}
# owned_by PID UID: PID runs with real uid UID.
owned_by() { grep -q "^Uid:	$2	" "/proc/$1/status"; }
# uid_sleep UID: a sleep run as UID at oom_score_adj 0; its pid goes to $slept.
uid_sleep() {
	killable setpriv --reuid="$1" --regid="$1" --clear-groups sleep 1000 >/dev/null 2>&1 &
	slept=$!
	wait_for 10 "sleep as uid $1" owned_by $slept "$1"
}
own_uid_cycle() {
	as "$U1000" "oom_score_adj -1000" "$TOOLS/protect_test" pid "$mine" 1 &&
		as "$U1000" "oom_score_adj 0" "$TOOLS/protect_test" pid "$mine" 0
}
no_dac_cycle() {
	ctl_as "$NO_DAC" "setprotection $s 1" && adj_is "$s" -1000 &&
		ctl_as "$NO_DAC" "setprotection $s 0" && adj_is "$s" 300
}
root_cycle() { protect "$theirs" 1 && adj_is "$theirs" -1000 && protect "$theirs" 0 && adj_is "$theirs" 0; }
T=/sys/kernel/tracing
trace_uoom() {
	mountpoint -q $T || mount -t tracefs nodev $T || return 1
	echo 1 >$T/events/uoom/enable && : >$T/trace
}
# traced PATTERN...: each PATTERN (grep -E) matches a line of the trace.
traced() {
	for _p; do
		grep -Eq "$_p" $T/trace || { echo "not traced: $_p"; return 1; }
	done
}
queue_traced() {
	killable sleep 1000 &
	_q=$!
	wait_adj $_q 0 || return 1
	# shellcheck disable=SC2016
	sh -c 'echo "$1" >/proc/oom && echo >/proc/oom' writer $_q &
	_w=$!
	wait $_w || return 1
	traced "uoom_queue_replace: writer=$_w comm=sh len=1" "uoom_queue_replace: writer=$_w comm=sh len=0" ||
		return 1
	# Advisory mode boosts the head, and lets go when the queue is emptied.
	if grep -q "^mode: advisory" /proc/oom_status; then
		traced "pid=$_q comm=sleep old=0 new=1000 why=boost" "pid=$_q comm=sleep old=1000 new=0 why=unboost"
	fi
	_st=$?
	kill $_q
	return $_st
}
refusals_changed_nothing() { adjs_are 0 "$mine" "$theirs" && not_listed "$theirs" && adj_is "$s" 300; }
bad_lines() {
	for l in "setprotection" "setprotection abc" "setprotection $s 2" "setprotection $s 1 x" \
		"protect $s" "setprotection -5" "setprotection 0" "setprotection 99999999999" \
		"setprotection ${s}x" "setprotection $(printf %070d "$s")"; do
		ctl_refused "$l" "Invalid argument" || { echo "accepted: $l"; return 1; }
	done
}
unchanged() { adj_is "$s" 300 && not_listed "$s"; }
kept_restored() { adj_is "$child2" 150 && adj_is "$hchild" 250; }

ktap_plan 36
ktap_check "uoom is loaded" load_uoom
ktap_check "uoom's tracepoints are on (events/uoom)" trace_uoom
hog s 4 hold
echo 300 >"/proc/$s/oom_score_adj"
ktap_check "setprotection $s 1" protect "$s" 1
ktap_check "oom_score_adj -1000" adj_is "$s" -1000
ktap_diag "$(cat $STATUS)"
ktap_check "status: saved 300, source uoom" grep -Eq "^$s +memhog +300 +uoom$" $STATUS
ktap_check "setprotection $s 0 restores 300" unprotect_restores "$s" 300
ktap_check "status no longer lists it" not_listed "$s"

# A parent protects itself, then forks.
forked_child 200 1 /tmp/child
parent=$forker child=$forked
ktap_diag "$(cat $STATUS)"
ktap_check "a child forked after protection is protected" adj_is "$child" -1000
ktap_check "status: the child is inherited, saved 200" grep -Eq "^$child +sleep +200 +inherited$" $STATUS

# Its protection ends by pid: the child gets the saved value back too.
forked_child 150 1 /tmp/child2
parent2=$forker child2=$forked
ktap_check "setprotection PARENT 0 restores the parent and its child to 150" \
	ends_and_restores "$parent2" 150 "$child2"

# A held protection (another process holds it) of a parent that forks, ended by the holder's exit.
rm -f /tmp/go
forked_child 250 0 /tmp/hchild /tmp/go
hparent=$forker
wait_for 30 "the held parent to set its oom_score_adj" adj_is "$hparent" 250
rm -f /tmp/hold
"$TOOLS/protect_test" hold "$hparent" >/tmp/hold &
holder=$!
wait_for 30 "protect_test to hold the protection" grep -q holding /tmp/hold
touch /tmp/go
wait_for 60 "the held parent's child to start" test -s /tmp/hchild
hchild=$(cat /tmp/hchild)
ktap_check "a child forked under a held protection is protected" adj_is "$hchild" -1000
kill $holder
wait_exit 30 "the holder to exit on SIGTERM" $holder
ktap_check "the holder's exit restores the parent and its child to 250" adjs_are 250 "$hparent" "$hchild"

ktap_check "the seed's C example protects its caller" "$TOOLS/seed_protect"
ktap_check "pidfd ioctls, fd-held protection, bad ioctls" "$TOOLS/protect_test"

ktap_check "uid 65534 cannot protect itself (EPERM)" \
	nobody_gets "Operation not permitted" "$TOOLS/protect_test" self 1
ktap_check "uid 65534 cannot protect others (EPERM)" \
	nobody_gets "Operation not permitted" "$TOOLS/protect_test" pid "$s" 1
ktap_check "uid 65534 cannot open ctl (EACCES)" \
	nobody_gets "Permission denied" sh -c "exec 2>&1; echo setprotection $s 1 >$CTL"
ktap_check "root without CAP_SYS_RESOURCE cannot use ctl (EPERM)" \
	ctl_as "$NO_SYS_RESOURCE" "setprotection $s 1" "Operation not permitted"
# shellcheck disable=SC2016
sh -c 'echo 300 >/proc/self/oom_score_adj; echo setprotection $$ >"$1"
	exec setpriv $2 "$3/protect_test" self 0 >/tmp/drop' drop "$CTL" "$NOBODY" "$TOOLS"
ktap_diag "$(cat /tmp/drop)"
ktap_check "uid 65534 can drop its own protection, back to 300" grep -qx "oom_score_adj 300" /tmp/drop

ktap_check "bad ctl lines get EINVAL" bad_lines
ktap_check "a missing pid gets ESRCH" ctl_refused "setprotection 4194303" "No such process"
ktap_check "bad input changed nothing" unchanged

# The rules of /proc/PID/oom_score_adj: CAP_SYS_RESOURCE, and the process's owner or
# CAP_DAC_OVERRIDE.
uid_sleep 1000
mine=$slept
uid_sleep 1001
theirs=$slept
ktap_check "uid 1000 with CAP_SYS_RESOURCE cannot protect root's process (EPERM)" \
	as "$U1000" "Operation not permitted" "$TOOLS/protect_test" pid "$s" 1
ktap_check "uid 1000 with CAP_SYS_RESOURCE cannot protect uid 1001's process (EPERM)" \
	as "$U1000" "Operation not permitted" "$TOOLS/protect_test" pid "$theirs" 1
ktap_check "root without CAP_DAC_OVERRIDE cannot protect uid 1001's process (EPERM)" \
	ctl_as "$NO_DAC" "setprotection $theirs 1" "Operation not permitted"
ktap_check "the refusals changed nothing" refusals_changed_nothing
ktap_check "uid 1000 with CAP_SYS_RESOURCE protects and unprotects its own process" own_uid_cycle
ktap_check "root without CAP_DAC_OVERRIDE protects and unprotects root's process" no_dac_cycle
ktap_check "root protects and unprotects uid 1001's process" root_cycle
kill "$mine" "$theirs"

ktap_check "traced: protect and unprotect, with the old and new values" \
	traced "uoom_adj_change: pid=$s comm=memhog old=300 new=-1000 why=protect" \
	"uoom_adj_change: pid=$s comm=memhog old=-1000 new=300 why=unprotect"
ktap_check "traced: a held protection, and its release restoring the child too" \
	traced "pid=$hparent comm=sh old=250 new=-1000 why=hold" "pid=$hparent comm=sh old=-1000 new=250 why=release" \
	"pid=$hchild comm=sleep old=-1000 new=250 why=release"
ktap_check "traced: queue writes (writer, length), and the advisory boost" queue_traced

protect "$s" 1
ktap_check "rmmod uoom" rmmod uoom
ktap_check "unload restored 300" adj_is "$s" 300
ktap_check "unload restored the parent and the inherited child to 200" adjs_are 200 "$parent" "$child"
ktap_check "after unload, children of ended protections keep their restored values" \
	kept_restored
kill "$child" "$parent" "$child2" "$parent2" "$hchild" "$hparent" "$s"
ktap_finish
