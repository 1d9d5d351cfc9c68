# Bad input and load on /dev/oom_notify: every documented errno, then 10,000 open/poll/close on 8
# threads; kmemleak must be on and find nothing (a debug kernel).
#
# Parameters: KMEMLEAK=0 leaves out the kmemleak scan (a suite scans once at its end).
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"
# shellcheck source=SCRIPTDIR/lib.sh
. "$UOOM_REPO/vm-test/guest/scenarios/notify/lib.sh"

ktap_plan $((3 + ${KMEMLEAK:-1}))
ktap_check "uoom is loaded" load_uoom
ktap_check "every documented errno" "$P" badinput
ktap_check "10000 open/poll/close on 8 threads" "$P" stress 10000 8
[ "${KMEMLEAK:-1}" = 0 ] || ktap_kmemleak_clean
ktap_finish
