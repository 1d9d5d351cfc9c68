# Helpers for OOM scenarios (POSIX sh), sourced after ktap.sh.
HOG=$UOOM_REPO/out/tools/memhog
# The scenario shell must outlive every OOM; the processes it starts must not.
echo -1000 >/proc/self/oom_score_adj
# hog NAME ARGS...: start memhog in the background, killable, and wait until its memory is in.
hog() {
	name=$1; shift
	sh -c 'echo 0 >/proc/self/oom_score_adj; exec "$0" "$@"' "$HOG" "$@" >/tmp/$name.out &
	eval "$name=$!"
	[ "$1" = inf ] && return
	while ! grep -q ready /tmp/$name.out; do sleep 0.1; done
}
# gated NAME: an allocator that starts when /tmp/gate is opened for writing.
gated() {
	mkfifo /tmp/gate 2>/dev/null
	sh -c 'echo 0 >/proc/self/oom_score_adj; read x </tmp/gate; exec "$0" inf' "$HOG" >/dev/null &
	eval "$1=$!"
}
open_gate() { echo go >/tmp/gate; }
fate() {
	for n in "$@"; do
		eval p=\$$n
		if [ -d /proc/$p ] && ! grep -q '^State:.*Z' /proc/$p/status; then s=alive; else s=dead; fi
		echo "$n $p $s"
	done >/mnt/fate
	dmesg | sed -n 's/.*Killed process \([0-9]*\) .*/\1/p' >/mnt/victims
	ktap_diag "$(cat /mnt/fate)"
	ktap_diag "victims: $(tr '\n' ' ' </mnt/victims)"
}
