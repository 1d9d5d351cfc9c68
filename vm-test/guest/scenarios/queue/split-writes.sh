# A list split over two write(2) calls on one open file: only the first write is taken; the
# second gets EINVAL and is never read as a list of its own, also when the first was refused.
# A write that fills the size limit without ending in white space was cut there, and is refused.
# A list longer than the 4096 bytes bash and coreutils write at a time goes through dd.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"

queue_is() { [ "$(cat /proc/oom)" = "$1" ]; }
# writes_give RESULT PART...: writes PART... (oom.sh) prints RESULT.
writes_give() {
	_want=$1
	shift
	_got=$(writes "$@")
	echo "$_got"
	[ "$_got" = "$_want" ]
}

ktap_plan 9
sleeper a 0; sleeper b 0; sleeper c 0
limit=$(($(cat /sys/module/uoom/parameters/max_queue) * 32))
echo "$c" >/proc/oom
ktap_check "first part taken, second refused (EINVAL)" writes_give "ok|Invalid argument" "$a " "$b"
ktap_check "the queue is the first part" queue_is "$a"
echo "$c" >/proc/oom
ktap_check "first part refused (ESRCH), second refused (EINVAL)" \
	writes_give "No such process|Invalid argument" "4194303 " "$b"
ktap_check "the queue is unchanged" queue_is "$c"
ktap_check "$limit bytes cut in a token: EINVAL" writes_give "Invalid argument" "$(pad "$limit" "$a")"
ktap_check "the queue is unchanged" queue_is "$c"
ktap_check "$limit bytes ending in a space are taken" writes_give ok "$(pad $((limit - 1)) "$a") "
ktap_check "the queue is that list" queue_is "$a"
pad 5000 "$b" | dd of=/proc/oom bs=1M iflag=fullblock 2>/tmp/dd.err
ktap_diag "$(cat /tmp/dd.err)"
ktap_check "dd iflag=fullblock writes a 5000-byte list in one piece" queue_is "$b"
ktap_finish
