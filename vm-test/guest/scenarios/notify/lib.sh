# Helpers for the /dev/oom_notify scenarios (POSIX sh), sourced after ktap.sh and oom.sh.
# shellcheck shell=sh
P=$UOOM_REPO/out/tools/oom_notify_poll
# listening FILE...: wait (60 s at most each) until the oom_notify_poll writing FILE has printed
# its first line, which it does once its file, trigger or baseline is set up.
listening() {
	for _f; do
		wait_for 60 "the poller writing $_f to set up" test -s "$_f"
	done
}
# zram_swap: 384 MiB of swap on zram, checked as one KTAP result; on already, it is left as is.
zram_swap() {
	if ! grep -q zram0 /proc/swaps; then
		[ -e /sys/block/zram0 ] || echo 1 >/sys/class/zram-control/hot_add
		echo 384M >/sys/block/zram0/disksize && mkswap /dev/zram0 >/dev/null && swapon /dev/zram0
	fi
	ktap_check "zram swap is on" grep -q zram0 /proc/swaps
}
# records FILE: how many records a watch or hold reader printed to FILE.
records() { grep -c '^recv=' "$1"; }
