# 100 load, protect, unload cycles (guest/tools/modcycle.c), each unload restoring the values
# from before; then kmemleak must be on and find nothing (a debug kernel). Ends unloaded.
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
. "$UOOM_REPO/vm-test/guest/scenarios/protect/lib.sh"

unload() { ! uoom_loaded || rmmod uoom; }

ktap_plan $((3 + ${KMEMLEAK:-1}))
hog p 4 hold
echo 300 >"/proc/$p/oom_score_adj"
ktap_check "uoom is not loaded" unload
ktap_check "100 load/protect/unload cycles" "$TOOLS/modcycle" "$UOOM_MODULE" 100 "$p"
ktap_check "oom_score_adj restored to 300" adj_is "$p" 300
kill "$p"
[ "${KMEMLEAK:-1}" = 0 ] || ktap_kmemleak_clean
ktap_finish
