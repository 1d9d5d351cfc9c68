# The Java CLI over JNA: uoom protect, protected and unprotect on a real module, and
# uoom daemon --once protecting what its config (/mnt/daemon.yaml) lists. uoom protect's JSON
# goes to /mnt/protect.json.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"
# shellcheck source=SCRIPTDIR/lib.sh
. "$UOOM_REPO/vm-test/guest/scenarios/protect/lib.sh"

UOOM=$UOOM_REPO/out/uoom
protect_json() { "$UOOM" protect "$1" --json >/mnt/protect.json; }
lists_saved() { "$UOOM" protected | grep -Eq "^ *$1 +memhog +$2 +uoom$"; }
cli_unprotect_restores() { "$UOOM" unprotect "$1" >/dev/null && adj_is "$1" "$2"; }
daemon_once_protects() {
	"$UOOM" daemon --once --config /mnt/daemon.yaml 2>/mnt/daemon.log
	adj_is "$1" -1000
}

ktap_plan 7
ktap_check "uoom is loaded" load_uoom
hog s 4 hold
echo 300 >"/proc/$s/oom_score_adj"
ktap_check "uoom protect $s --json" protect_json "$s"
ktap_check "its oom_score_adj is -1000" adj_is "$s" -1000
ktap_check "uoom protected lists it, saved 300" lists_saved "$s" 300
ktap_check "uoom unprotect restores 300" cli_unprotect_restores "$s" 300
ktap_check "uoom daemon --once protects what its config lists" daemon_once_protects "$s"
ktap_diag "$(cat /mnt/daemon.log)"
ktap_check "and logs it" grep -q "protected pid $s memhog (oom_score_adj was 300)" /mnt/daemon.log
protect "$s" 0
kill "$s"
ktap_finish
