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

P=$UOOM_REPO/out/tools/oom_notify_poll
LIMIT=${LIMIT:-8}
as() { _uid=$1; shift; setpriv --reuid="$_uid" --regid="$_uid" --clear-groups --inh-caps=-all "$@"; }
has() { grep -qx "$2" "/mnt/$1"; }

ktap_plan $((7 + ${KMEMLEAK:-0}))
ktap_check "set notify_max_per_user to $LIMIT" sh -c "echo $LIMIT >/sys/module/uoom/parameters/notify_max_per_user"
as 65534 "$P" limit "$LIMIT" >/mnt/nobody.log
as 65534 "$P" limit "$LIMIT" >/mnt/nobody-again.log
as 65533 "$P" limit "$LIMIT" >/mnt/other.log
"$P" limit $((LIMIT * 2)) >/mnt/root.log
ktap_diag "$(cat /mnt/nobody.log /mnt/nobody-again.log /mnt/other.log /mnt/root.log)"
ktap_check "nobody opens $LIMIT files, then gets EMFILE" has nobody.log "limit opened=$LIMIT errno=EMFILE"
ktap_check "closing one of them frees its slot" has nobody.log "limit reopen=ok"
ktap_check "after nobody's files closed, nobody opens $LIMIT again" \
	has nobody-again.log "limit opened=$LIMIT errno=EMFILE"
ktap_check "another user has a limit of its own" has other.log "limit opened=$LIMIT errno=EMFILE"
ktap_check "root is exempt" has root.log "limit opened=$((LIMIT * 2 + 1)) errno=none"
ktap_check "the limited user's files work (every documented errno)" as 65534 "$P" badinput
if [ "${KMEMLEAK:-0}" = 1 ]; then
	rmmod uoom
	ktap_kmemleak_clean
fi
ktap_finish
