# KTAP helpers for guest scenarios (POSIX sh). Source this file, then:
#
#   ktap_plan 3
#   ktap_check "module is loaded" grep -q '^uoom ' /proc/modules
#   ktap_diag "$(cat /proc/oom_status)"
#   ktap_skip "kmemleak is clean" "kernel has no kmemleak"
#   ktap_finish
#
# Results go to stdout, which the guest init copies to /mnt/ktap.txt.

ktap_count=0
ktap_failures=0
ktap_planned=

# ktap_plan N: print the version line and the plan.
ktap_plan() {
	ktap_planned=$1
	echo "TAP version 14"
	echo "1..$1"
}

# ktap_diag TEXT...: print TEXT as diagnostic lines, one "# " per line.
# The helpers use shell built-ins only: under KASAN every exec costs about a second.
ktap_diag() {
	while IFS= read -r _ktap_line; do
		printf '# %s\n' "$_ktap_line"
	done <<EOF
$*
EOF
}

# ktap_ok DESCRIPTION / ktap_fail DESCRIPTION: report one result.
ktap_ok() {
	ktap_count=$((ktap_count + 1))
	echo "ok $ktap_count - $1"
}

ktap_fail() {
	ktap_count=$((ktap_count + 1))
	ktap_failures=$((ktap_failures + 1))
	echo "not ok $ktap_count - $1"
}

# ktap_skip DESCRIPTION REASON: report a skipped test.
ktap_skip() {
	ktap_count=$((ktap_count + 1))
	echo "ok $ktap_count - $1 # SKIP $2"
}

# _ktap_now: set _ktap_t to the centiseconds since boot.
_ktap_now() {
	read -r _ktap_up _ktap_idle </proc/uptime
	_ktap_t=$((${_ktap_up%.*} * 100 + 1${_ktap_up#*.} - 100))
}

# ktap_check DESCRIPTION CMD [ARG...]: run CMD, show its output and how long it
# took as diagnostics, and report ok if it exited 0. Returns CMD's status.
# CMD runs in $(...): a background job it leaves holding stdout stalls the check.
ktap_check() {
	_ktap_desc=$1
	shift
	_ktap_now
	_ktap_start=$_ktap_t
	_ktap_out=$("$@" 2>&1)
	_ktap_status=$?
	_ktap_now
	_ktap_cs=$((_ktap_t - _ktap_start))
	[ -n "$_ktap_out" ] && ktap_diag "$_ktap_out"
	printf '# took %d.%02d s\n' $((_ktap_cs / 100)) $((_ktap_cs % 100))
	if [ $_ktap_status -eq 0 ]; then
		ktap_ok "$_ktap_desc"
	else
		ktap_diag "exit status $_ktap_status: $*"
		ktap_fail "$_ktap_desc"
	fi
	return $_ktap_status
}

# ktap_finish: exit 0 if every planned test ran and none failed.
ktap_finish() {
	if [ -n "$ktap_planned" ] && [ "$ktap_count" -ne "$ktap_planned" ]; then
		ktap_diag "planned $ktap_planned tests, ran $ktap_count"
		exit 1
	fi
	[ "$ktap_failures" -eq 0 ] || exit 1
	exit 0
}

# ktap_bail DESCRIPTION: report DESCRIPTION as failed and end the scenario.
ktap_bail() {
	ktap_fail "$1"
	exit 1
}

# wait_until SECONDS CMD [ARG...]: run CMD every 0.1 s until it exits 0 (return 0) or
# SECONDS have passed (return 1). The one bounded wait; wait_for reports its timeout.
wait_until() {
	_wu_secs=$1
	shift
	_ktap_now
	_wu_end=$((_ktap_t + _wu_secs * 100))
	until "$@" >/dev/null 2>&1; do
		_ktap_now
		[ "$_ktap_t" -lt "$_wu_end" ] || return 1
		sleep 0.1
	done
}

# wait_for SECONDS DESCRIPTION CMD [ARG...]: wait_until CMD succeeds; after SECONDS it
# reports "waited SECONDS s for DESCRIPTION" as failed and ends the scenario.
wait_for() {
	_wf_secs=$1 _wf_desc=$2
	shift 2
	wait_until "$_wf_secs" "$@" || ktap_bail "waited $_wf_secs s for $_wf_desc"
}

# exited PID: PID is gone or a zombie. wait_exit SECONDS DESCRIPTION PID: wait_for PID to
# exit, then reap it with wait; returns its exit status (wait's 127 if it is not a child).
exited() {
	[ -r "/proc/$1/status" ] || return 0
	while read -r _ex_key _ex_state _ex_rest; do
		[ "$_ex_key" = State: ] || continue
		case $_ex_state in Z | X) return 0 ;; *) return 1 ;; esac
	done <"/proc/$1/status"
}
wait_exit() {
	wait_for "$1" "$2" exited "$3"
	wait "$3"
}

# killable CMD [ARG...] &: exec CMD at oom_score_adj 0, so that the OOM killer may take it
# while the scenario shell (at -1000) survives. It replaces the shell it runs in, so run it
# in the background (then $! is CMD's pid) or in a subshell.
killable() {
	exec sh -c 'echo 0 >/proc/self/oom_score_adj; exec "$0" "$@"' "$@"
}

# ktap_kmemleak_clean: one result, ok only if kmemleak is on, a scan succeeds, and it
# suspects no leak. Fails when kmemleak is absent or has disabled itself, so a debug
# run cannot pass without the check. Waits out kmemleak's 5 s minimum object age.
ktap_kmemleak_clean() {
	ktap_check "kmemleak found no leaks" _ktap_kmemleak
}

_ktap_kmemleak() {
	[ -e /sys/kernel/debug/kmemleak ] || { echo "no /sys/kernel/debug/kmemleak"; return 1; }
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak || { echo "echo scan failed: kmemleak is off"; return 1; }
	if dmesg | grep -e 'Kernel memory leak detector disabled' -e 'suspected memory leaks'; then
		cat /sys/kernel/debug/kmemleak
		return 1
	fi
}
