# Helpers for the uoom memcg scenarios (POSIX sh), sourced after ktap.sh and oom.sh.
# shellcheck shell=sh
UOOM=$UOOM_REPO/out/uoom
# v2_group NAME: create the cgroup v2 group /sys/fs/cgroup/NAME, with the memory controller, as
# $cg; the scenario shell stays outside it.
v2_group() {
	echo +memory >/sys/fs/cgroup/cgroup.subtree_control
	cg=/sys/fs/cgroup/$1
	mkdir "$cg"
}
# enter_group, leave_group: move the scenario shell into $cg and back out, so that what it
# starts between the two starts in the group.
enter_group() { echo $$ >"$cg/cgroup.procs"; }
leave_group() { echo $$ >"$(dirname "$cg")/cgroup.procs"; }
# watching NAME LOG...: wait (60 s at most) until each uoom memcg command logging to LOG has
# started watching; one KTAP result, "NAME started", that shows the logs if not.
watching() {
	_name=$1
	shift
	wait_until 60 _all_watching "$@"
	ktap_check "$_name started" _all_watching "$@"
}
_all_watching() {
	for _log; do
		grep -q watching "$_log" || { cat "$_log"; return 1; }
	done
}
