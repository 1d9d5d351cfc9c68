# Advisory mode without an OOM: when the raised head exits normally the next entry is raised (the
# exited process, a zombie, is no longer listed); protecting the raised head hands it over
# (unprotect restores its value from before the boost) and raises the next one; unloading
# restores the last.
#
# Parameters: RELOAD_ADVISORY=1 reloads uoom.ko with advisory=1 first (a patched kernel);
# KMEMLEAK=1 ends with a kmemleak scan after the unload.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"

CTL=/proc/oom_kill_protection/ctl
queue_is() { [ "$(cat /proc/oom)" = "$1" ]; }
status_has() {
	for _line; do
		grep -qx "$_line" /proc/oom_status || { echo "no \"$_line\""; return 1; }
	done
}
reload_advisory() { rmmod uoom && insmod "$UOOM_MODULE" advisory=1; }

ktap_plan $((12 + ${RELOAD_ADVISORY:-0} + ${KMEMLEAK:-0}))
[ "${RELOAD_ADVISORY:-0}" = 1 ] && ktap_check "reload uoom with advisory=1" reload_advisory
ktap_check "mode: advisory" status_has "mode: advisory"
sleeper a 0; sleeper b 200; sleeper c 100
echo "$a $b $c" >/proc/oom
ktap_check "the head is raised to 1000" adj_is "$a" 1000
echo >/tmp/a.exit
ktap_check "the head exits (a zombie): the next entry is raised" wait_adj "$b" 1000
ktap_diag "$(cat /proc/oom_status)"
ktap_check "status: advisory_head $b, saved 200" status_has "advisory_head: $b" "advisory_saved_adj: 200"
ktap_check "the exited head is a zombie" grep -q "^State:.*zombie" "/proc/$a/status"
ktap_check "the zombie is not listed" queue_is "$b $c"
ktap_check "queue_length counts live processes only" status_has "queue_length: 2"
# Raised already; the write makes sure, so that the hand-over is checked on its own.
echo "$b $c" >/proc/oom
echo setprotection "$b" 1 >$CTL
ktap_check "protecting the raised head raises the next entry" wait_adj "$c" 1000
ktap_check "the protected head is at -1000" adj_is "$b" -1000
echo setprotection "$b" 0 >$CTL
ktap_check "unprotect restores the value from before the boost" adj_is "$b" 200
ktap_check "rmmod uoom" rmmod uoom
ktap_check "unload restored the raised entry" adj_is "$c" 100
[ "${KMEMLEAK:-0}" = 1 ] && ktap_kmemleak_clean
ktap_finish
