# Helpers for OOM scenarios (POSIX sh), sourced after ktap.sh.
HOG=$UOOM_REPO/out/tools/memhog
# The scenario shell must outlive every OOM; the processes it starts must not.
echo -1000 >/proc/self/oom_score_adj
# hog NAME ARGS...: start memhog in the background, killable, and wait (HOG_READY_SECS, 60 s by default)
# until its memory is in.
hog() {
	name=$1; shift
	killable "$HOG" "$@" >/tmp/$name.out &
	eval "$name=$!"
	[ "$1" = inf ] && return
	wait_for "${HOG_READY_SECS:-60}" "$name (memhog $*) to be ready" grep -q ready /tmp/$name.out
}
# gated NAME: an allocator that starts when /tmp/gate is opened for writing.
gated() {
	mkfifo /tmp/gate 2>/dev/null
	killable sh -c 'read x </tmp/gate; exec "$0" inf' "$HOG" >/dev/null &
	eval "$1=$!"
}
open_gate() { echo go >/tmp/gate; }
fate() {
	for n in "$@"; do
		eval p=\$$n
		if [ -d /proc/$p ] && ! grep -q '^State:.*Z' /proc/$p/status; then s=alive; else s=dead; fi
		echo "$n $p $s"
	done >/mnt/fate
	dmesg | sed -n 's/.*Killed process \([0-9]*\) .*/\1/p' >/mnt/victims
	if [ -e /proc/oom_status ]; then cat /proc/oom_status >/mnt/oom_status; else rm -f /mnt/oom_status; fi
	ktap_diag "$(cat /mnt/fate)"
	ktap_diag "victims: $(tr '\n' ' ' </mnt/victims)"
}
# sleeper NAME ADJ: a process at oom_score_adj ADJ that exits (status 0) once /tmp/NAME.exit
# is opened for writing; its parent never reaps it, so it then stays a zombie. Neither holds
# the scenario's output open.
sleeper() {
	mkfifo /tmp/$1.exit
	sh -c 'sh -c "echo $1 >/proc/self/oom_score_adj; read x </tmp/$2.exit" & echo $! >/tmp/$2.pid
		exec sleep 1000' sleeper "$2" "$1" >/dev/null 2>&1 &
	wait_for 30 "sleeper $1 to start" test -s /tmp/$1.pid
	eval "$1=$(cat /tmp/$1.pid)"
	wait_adj "$(cat /tmp/$1.pid)" "$2"
}
# adj_is PID ADJ: PID's oom_score_adj is ADJ.
adj_is() { [ "$(cat "/proc/$1/oom_score_adj")" = "$2" ]; }
# wait_adj PID ADJ: wait up to 5 s for PID's oom_score_adj to become ADJ.
wait_adj() {
	wait_until 5 adj_is "$1" "$2" ||
		{ echo "oom_score_adj of $1 is $(cat "/proc/$1/oom_score_adj"), not $2"; return 1; }
}
# churn OUT MIB SECONDS: run memhog churn (killable) in the foreground, its output to OUT,
# under timeout(1) rather than a polling wait, which would take CPU from what a scenario
# measures meanwhile; if it has not finished in twice SECONDS and a minute more, report that
# as failed and end the scenario. Returns memhog's status.
churn() {
	_ch_secs=$(($3 * 2 + 60))
	(killable timeout -k 5 "$_ch_secs" "$HOG" churn "$2" "$3" >"$1")
	_ch_status=$?
	[ "$_ch_status" -ne 124 ] || ktap_bail "waited $_ch_secs s for memhog churn $2 $3 to finish"
	return "$_ch_status"
}
# writes PART...: write each PART to /proc/oom with a write(2) of its own, all through one open
# file; print the results, "ok" or the error, separated by "|".
writes() {
	perl -MFcntl -e 'sysopen(my $f, "/proc/oom", O_WRONLY) or die "open: $!\n";
		print join("|", map { defined(syswrite($f, $_)) ? "ok" : "$!" } @ARGV), "\n"' "$@"
}
# pad N TEXT: TEXT with spaces in front, N bytes in all.
pad() { perl -e 'print " " x ($ARGV[0] - length $ARGV[1]), $ARGV[1]' "$@"; }
# uoom_loaded: uoom.ko is loaded. load_uoom: insmod $UOOM_MODULE unless it is, so that a
# scenario that needs the module does not depend on what ran before it in the guest.
uoom_loaded() { grep -q '^uoom ' /proc/modules; }
load_uoom() { uoom_loaded || insmod "$UOOM_MODULE"; }
