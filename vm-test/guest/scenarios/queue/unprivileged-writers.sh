# Writers without root, or root without CAP_SYS_RESOURCE, are refused and the queue stays as it
# was; anyone may read it.
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"

# refused MESSAGE SETPRIV-ARG...: a shell run by setpriv with those arguments writes its own pid
# to /proc/oom with dd; the write fails and dd's error says MESSAGE.
refused() {
	_msg=$1
	shift
	_out=$(setpriv "$@" sh -c 'echo $$ | dd of=/proc/oom 2>&1')
	_status=$?
	printf '%s\n' "$_out"
	[ "$_status" -ne 0 ] || { echo "dd succeeded"; return 1; }
	case $_out in
	*"$_msg"*) ;;
	*) echo "not refused with \"$_msg\""; return 1 ;;
	esac
}
queue_is() { [ "$(cat /proc/oom)" = "$1" ]; }
clear_queue() { echo >/proc/oom && queue_is ""; }

ktap_plan 5
hog a 4 hold
echo "$a" >/proc/oom
ktap_check "uid 65534 cannot open /proc/oom (EACCES)" refused "Permission denied" \
	--reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all
ktap_check "root without CAP_SYS_RESOURCE cannot write (EPERM)" refused "Operation not permitted" \
	--inh-caps=-sys_resource --bounding-set=-sys_resource
ktap_check "the queue is unchanged" queue_is "$a"
ktap_check "anyone may read the queue" setpriv --reuid=65534 --regid=65534 --clear-groups cat /proc/oom
ktap_check "root with CAP_SYS_RESOURCE can clear it" clear_queue
ktap_finish
