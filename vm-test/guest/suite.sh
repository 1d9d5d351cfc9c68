# Several scenarios in one guest, each reported as a KTAP subtest (POSIX sh). Source
# this file, then:
#
#   ktap_plan 3
#   suite_run smoke/load-unload
#   suite_run queue/advisory-boost RELOAD_ADVISORY=1
#   ktap_kmemleak_clean
#   ktap_finish
#
# Each scenario starts with uoom.ko freshly loaded ($UOOM_MODULE), an empty kernel log (the
# console keeps it all) and no trace events on, runs in a session and a mount namespace of its own, and sees share/parts/<area>-<name>/ as its /mnt. Its output,
# indented four spaces, precedes its result line.
# shellcheck source=SCRIPTDIR/ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/session.sh
. "$UOOM_REPO/vm-test/guest/session.sh"

suite_parts=0
# The suite and its copies of the output outlive every OOM; each scenario starts at 0, as alone.
echo -1000 >/proc/self/oom_score_adj

# suite_run NAME [KEY=VALUE...]: run scenario NAME with the given environment as the next result.
suite_run() {
	_sr_name=$1
	shift
	_sr_dir=parts/$(echo "$_sr_name" | tr / -)
	mkdir -p "/mnt/$_sr_dir"
	suite_parts=$((suite_parts + 1))
	if [ "$suite_parts" -gt 1 ] && ! _sr_err=$(suite_reload 2>&1); then
		ktap_diag "$_sr_err"
		ktap_fail "$_sr_name"
		return 1
	fi
	# Scenarios read their victims from the kernel log and the trace: start each with empty ones.
	dmesg -C
	if [ -d /sys/kernel/tracing ] && { mountpoint -q /sys/kernel/tracing ||
		mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null; }; then
		echo 0 >/sys/kernel/tracing/events/enable
		: >/sys/kernel/tracing/trace
	fi
	{
		run_session env "$@" unshare --mount --propagation private sh -c \
			'echo 0 >/proc/self/oom_score_adj && mount --bind "/mnt/$1" /mnt && cd /tmp &&
			. "$UOOM_REPO/vm-test/guest/scenarios/$2.sh"' \
			sh "$_sr_dir" "$_sr_name"
		echo $? >/run/part-status
	} | tee /run/part.ktap | sed -u 's/^/    /'
	read -r _sr_status </run/part-status
	if [ "$_sr_status" -eq 0 ] && ! _suite_failed </run/part.ktap; then
		ktap_ok "$_sr_name"
	else
		ktap_diag "$_sr_name exited with status $_sr_status"
		ktap_fail "$_sr_name"
	fi
}

# suite_reload: unload uoom.ko if a scenario left it loaded, and load it afresh.
suite_reload() {
	[ "${UOOM_MODULE:-none}" != none ] || return 0
	if grep -q '^uoom ' /proc/modules; then
		rmmod uoom || return 1
	fi
	insmod "$UOOM_MODULE"
}

# _suite_failed: whether KTAP on stdin has a failed result or a bail-out at its top level.
_suite_failed() {
	grep -v -e '^not ok .*# *[Ss][Kk][Ii][Pp]' -e '^not ok .*# *[Tt][Oo][Dd][Oo]' |
		grep -q -e '^not ok' -e '^Bail out!'
}
