# The oom_queue kselftest from patches/, whose bad-input table checks every errno.
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"

ktap_plan 1
ktap_check "oom_queue kselftest" "$UOOM_REPO/out/tools/oom_queue_test"
ktap_finish
