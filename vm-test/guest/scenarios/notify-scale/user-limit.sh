# The per-user limit on open /dev/oom_notify files (module parameter notify_max_per_user): an
# unprivileged user opening past it gets EMFILE, closing frees a slot, files of one user do not
# count against another, root (CAP_SYS_RESOURCE) is exempt, and the limited user's files still
# work. Each "limit" run opens until refused and prints what it got (oom_notify_poll.c).
#
# Parameters: LIMIT, the limit to set (default 8); KMEMLEAK=1 ends with a kmemleak scan after
# the unload.
# The functions below run through ktap_check, which shellcheck does not follow.
# shellcheck disable=SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"
# shellcheck source=SCRIPTDIR/../notify/lib.sh
. "$UOOM_REPO/vm-test/guest/scenarios/notify/lib.sh"

LIMIT=${LIMIT:-8}
as() { _uid=$1; shift; setpriv --reuid="$_uid" --regid="$_uid" --clear-groups --inh-caps=-all "$@"; }
has() { grep -qx "$2" "/mnt/$1"; }
# limit_as UID|root MAX LOG: one "limit MAX" run as UID (or root), waited for 30 s at most.
limit_as() {
	if [ "$1" = root ]; then
		"$P" limit "$2" >"/mnt/$3" &
	else
		as "$1" "$P" limit "$2" >"/mnt/$3" &
	fi
	wait_exit 30 "limit $2 as $1 to exit" $!
}

ktap_plan $((8 + ${KMEMLEAK:-0}))
ktap_check "uoom is loaded" load_uoom
ktap_check "set notify_max_per_user to $LIMIT" sh -c "echo $LIMIT >/sys/module/uoom/parameters/notify_max_per_user"
limit_as 65534 "$LIMIT" nobody.log
limit_as 65534 "$LIMIT" nobody-again.log
limit_as 65533 "$LIMIT" other.log
limit_as root $((LIMIT * 2)) root.log
ktap_diag "$(cat /mnt/nobody.log /mnt/nobody-again.log /mnt/other.log /mnt/root.log)"
ktap_check "nobody opens $LIMIT files, then gets EMFILE" has nobody.log "limit opened=$LIMIT errno=EMFILE"
ktap_check "closing one of them frees its slot" has nobody.log "limit reopen=ok"
ktap_check "after nobody's files closed, nobody opens $LIMIT again" \
	has nobody-again.log "limit opened=$LIMIT errno=EMFILE"
ktap_check "another user has a limit of its own" has other.log "limit opened=$LIMIT errno=EMFILE"
ktap_check "root is exempt" has root.log "limit opened=$((LIMIT * 2 + 1)) errno=none"
ktap_check "the limited user's files work (every documented errno)" as 65534 timeout -k 5 60 "$P" badinput
if [ "${KMEMLEAK:-0}" = 1 ]; then
	rmmod uoom
	ktap_kmemleak_clean
fi
ktap_finish
