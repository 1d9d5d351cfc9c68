# uoom rank's modern policy against the kernel's /proc/PID/oom_score, for every process in the
# guest. Hogs of several sizes and oom_score_adj values give the kernel's formula something to
# compute; d at -1000 is excluded (score 0). Saves /mnt/rank.json, /mnt/oom_score ("pid score"
# lines), /mnt/pickable and /mnt/excluded (the hogs' pids).
# hog, gated and sleeper (oom.sh) set the variable they are named by eval.
# The functions below run through ktap_check and wait_for, which shellcheck does not follow.
# shellcheck disable=SC2154,SC2317
# shellcheck source=SCRIPTDIR/../../ktap.sh
. "$UOOM_REPO/vm-test/guest/ktap.sh"
# shellcheck source=SCRIPTDIR/../../oom.sh
. "$UOOM_REPO/vm-test/guest/oom.sh"

# adj NAME ADJ: set the oom_score_adj of the hog NAME.
adj() { eval "echo $2 >/proc/\$$1/oom_score_adj"; }
rank() { "$UOOM_REPO/out/uoom" rank --policy modern --all --json >/mnt/rank.json; }

ktap_plan 2
hog a 64 hold
hog b 8 hold; adj b 500
hog c 32 hold; adj c -300
hog d 4 hold; adj d -1000
hog e 16 hold; adj e 1000
hog f 48 hold; adj f -999
hog g 2 hold; adj g 1
hog h 24 hold; adj h -1
echo "$a $b $c $e $f $g $h" >/mnt/pickable
echo "1 $d" >/mnt/excluded
ktap_check "uoom rank --policy modern --all --json" rank
# Read the kernel's scores after the JVM has exited; only idle processes remain.
for p in /proc/[0-9]*; do
	s=$(cat "$p/oom_score" 2>/dev/null) && echo "${p#/proc/} $s"
done >/mnt/oom_score
ktap_check "read /proc/*/oom_score" test -s /mnt/oom_score
ktap_finish
