# uoom.ko is loaded (by the guest init), reports its mode and version in /proc/oom_status and
# through the CLI, unloads, and leaves no leak behind where the kernel has kmemleak.
#
# Parameters: KMEMLEAK=0 leaves out the kmemleak result (a suite scans once at its end).
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"

status_json() { "$UOOM_REPO/out/uoom" status --json >/mnt/status.json; }
# kmemleak selects DEBUG_FS: a kernel without debugfs, or with debugfs mounted and no
# kmemleak file in it, has no kmemleak.
no_kmemleak() {
	! grep -qw debugfs /proc/filesystems ||
		{ grep -q ' /sys/kernel/debug debugfs ' /proc/mounts && [ ! -e /sys/kernel/debug/kmemleak ]; }
}

ktap_plan $((5 + ${KMEMLEAK:-1}))
ktap_check "uoom is loaded" grep '^uoom ' /proc/modules
ktap_check "/proc/oom_status" cat /proc/oom_status
ktap_check "uoom status --json" status_json
uname -r >/mnt/uname-r
cat /proc/version >/mnt/proc-version
ktap_check "rmmod uoom" rmmod uoom
ktap_check "/proc/oom_status is gone" test ! -e /proc/oom_status
if [ "${KMEMLEAK:-1}" = 0 ]; then
	:
elif no_kmemleak; then
	ktap_skip "kmemleak found no leaks" "no kmemleak in this kernel"
else
	ktap_kmemleak_clean
fi
ktap_finish
