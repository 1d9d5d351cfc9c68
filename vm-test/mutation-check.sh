#!/bin/bash
# make mutation-check: break kmod/ on purpose, one way at a time, and show that the VM tests
# covering each breakage fail. Not part of make test (about 5 min a mutation on 2 cores).
#
# Each mutation runs in a copy of this checkout (tracked and untracked files, not out/ or
# target/) under $UOOM_CACHE/mutation/, so the working tree is never touched. A mutation
# whose sed changes nothing (the code moved) is an error, not a pass.
#
#   vm-test/mutation-check.sh [NAME...]     default: every mutation below
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${UOOM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/uoom}
work=$cache/mutation/$(printf %s "$repo" | sha256sum | cut -c1-8)
report=$repo/vm-test/target/mutation-check.txt
vm="-Duoom.test.groups=vm -Duoom.test.excludedGroups="

# name | file in kmod/ | sed expression (no "|") | tests that must fail (Surefire -Dtest syntax)
mutations=(
	"hook-proposes-nothing|queue.c|/^void uoom_queue_select(struct oom_control \*oc)\$/,/^}/s/^\tspin_lock(&uoom_queue_lock);\$/\treturn;\n&/|QueueVmTest#patchedKernelKillsTheQueuedProcessAndSparesTheLargeOne+memcgOomOnlyTakesQueuedTasksInsideTheGroup"
	"unprotect-restores-0|protect.c|s/uoom_adj_restore(task, OOM_SCORE_ADJ_MIN, p->saved_adj, why);/uoom_adj_restore(task, OOM_SCORE_ADJ_MIN, 0, why);/|ProtectVmTest#protectionSemantics*"
	"notify-never-wakes|notify.c|s/^#include \"uoom.h\"\$/&\n#undef wake_up_interruptible_poll\n#define wake_up_interruptible_poll(q, m) do { } while (0)/|NotifyVmTest#levelsRiseToOomAndNameTheVictim*"
	"queue-ignores-start|queue.c|s/(start \&\& ticks != want)/(false)/|QueueVmTest#kselftestPassesWithoutSkips*"
)

die() { echo "mutation-check: $*" >&2; exit 2; }
[ -f "$repo/out/bzImage-patched" ] || die "run make first"

copy_checkout() {
	rm -rf "$work"
	mkdir -p "$work"
	(cd "$repo" && git ls-files -z -co --exclude-standard) |
		(cd "$repo" && tar --null -T - -cf -) | tar -C "$work" -xf -
	cp -a "$repo/out" "$work/out"
}

want=("$@")
mkdir -p "$(dirname "$report")"
: >"$report"
survived=0
printf '%-24s %-9s %6s  %s\n' mutation result time tests | tee -a "$report"
for m in "${mutations[@]}"; do
	IFS='|' read -r name file expr tests <<<"$m"
	if [ ${#want[@]} -gt 0 ] && [[ " ${want[*]} " != *" $name "* ]]; then
		continue
	fi
	copy_checkout
	cp "$work/kmod/$file" "$work/kmod/$file.orig"
	sed -i "$expr" "$work/kmod/$file"
	cmp -s "$work/kmod/$file" "$work/kmod/$file.orig" && die "$name: the sed on kmod/$file changed nothing"
	rm "$work/kmod/$file.orig"
	log=$work.$name.log
	start=$SECONDS
	if ! make -C "$work" --no-print-directory modules >"$log" 2>&1; then
		result="no-build"
	elif (cd "$work" && mvn -B -ntp -o -pl vm-test test $vm -Dtest="$tests" -DfailIfNoTests=true \
		-Dsurefire.failIfNoSpecifiedTests=true) >>"$log" 2>&1; then
		result="SURVIVED"
		survived=$((survived + 1))
	elif grep -q "Tests run: .*Failures: [1-9]\|Tests run: .*Errors: [1-9]" "$log"; then
		result="caught"
	else
		result="no-run"
		survived=$((survived + 1))
	fi
	printf '%-24s %-9s %5ds  %s\n' "$name" "$result" $((SECONDS - start)) "$tests" | tee -a "$report"
	[ "$result" = caught ] || echo "    log: $log" | tee -a "$report"
done
echo "report: $report"
[ "$survived" = 0 ]
