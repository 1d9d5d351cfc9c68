# Helpers for the OOM kill protection scenarios (POSIX sh), sourced after ktap.sh and oom.sh.
# shellcheck shell=sh
CTL=/proc/oom_kill_protection/ctl
STATUS=/proc/oom_kill_protection/status
TOOLS=$UOOM_REPO/out/tools
# adj PID: PID's oom_score_adj.
adj() { cat "/proc/$1/oom_score_adj"; }
# protect PID [0|1]: write "setprotection PID [0|1]" to ctl.
protect() { echo setprotection "$@" >$CTL; }
# ctl_refused LINE MESSAGE: writing LINE to ctl fails with MESSAGE (strerror). dd, because
# dash's built-in echo reports every write error as "I/O error".
ctl_write() { printf '%s\n' "$1" | dd of=$CTL 2>&1; }
ctl_refused() {
	_out=$(ctl_write "$1")
	echo "$_out"
	case $_out in *"$2"*) ;; *) return 1 ;; esac
}
# not_listed PID: status does not list PID.
not_listed() { ! grep -q "^$1 " $STATUS; }
# forked_child ADJ SELF FILE [GATE]: start a shell at oom_score_adj ADJ (its pid goes to
# $forker) that protects itself through ctl if SELF is 1, waits (60 s at most) until GATE exists
# if one is named, then forks a sleep and writes the sleep's pid to FILE. Without GATE, waits for
# FILE and sets $forked to the child's pid.
forked_child() {
	rm -f "$3"
	sh -c '
		echo "$1" >/proc/self/oom_score_adj
		[ "$2" = 1 ] && echo setprotection $$ >/proc/oom_kill_protection/ctl
		if [ -n "$4" ]; then
			. "$UOOM_REPO/vm-test/guest/ktap.sh"
			wait_until 60 test -e "$4"
		fi
		sleep 1000 & echo $! >"$3"; wait' forked_child "$1" "$2" "$3" "${4:-}" >/dev/null 2>&1 &
	forker=$!
	[ -n "${4:-}" ] && return
	wait_for 30 "the child of $forker to start" test -s "$3"
	forked=$(cat "$3")
}
