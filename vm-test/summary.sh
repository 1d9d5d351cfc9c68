#!/bin/bash
# Closing summary of `make test`: the Surefire reports of every module, plus
# the lint checks, whose exit statuses are passed as name=status arguments.
# Exits non-zero if anything failed, was skipped, or no VM test ran.
set -u
cd "$(dirname "$0")/.."
reports=(java-ctl/target/surefire-reports/TEST-*.xml vm-test/target/surefire-reports/TEST-*.xml)
tests=0 failed=0 skipped=0 bad=0 vmtests=0 vmsecs=0

echo
echo "Results:"
for f in "${reports[@]}"; do
	[ -e "$f" ] || continue
	read -r name t fl er sk secs < <(sed -n 's/.*<testsuite \(.*\)>/\1/p' "$f" | head -n 1 |
		awk -v RS=' ' -F= '{ gsub(/"/, "", $2); a[$1] = $2 }
			END { printf "%s %d %d %d %d %d\n", a["name"], a["tests"], a["failures"], a["errors"], a["skipped"], a["time"] + 0.5 }')
	printf '  %-60s %3d run, %d failed, %d skipped, %2dm%02ds\n' "$name" "$t" $((fl + er)) "$sk" \
		$((secs / 60)) $((secs % 60))
	tests=$((tests + t)) failed=$((failed + fl + er)) skipped=$((skipped + sk))
	case $name in *VmTest) vmtests=$((vmtests + t)) vmsecs=$((vmsecs + secs)) ;; esac
done
printf '  %-60s %dm%02ds\n' "time in VM test classes (summed)" $((vmsecs / 60)) $((vmsecs % 60))
# Written by make vm-test: its wall-clock seconds and how many guests could run at once.
if read -r wall par 2>/dev/null <vm-test/target/vm-wall.txt; then
	printf '  %-60s %dm%02ds\n' "VM tests, wall clock ($par guest(s) at once)" $((wall / 60)) $((wall % 60))
fi
if [ "$vmtests" = 0 ]; then
	echo "  no VM test ran: the kernel scenarios are unproven"
	bad=1
fi
for check in "$@"; do
	name=${check%%=*} status=${check#*=}
	if [ "$name" = maven ]; then
		[ "$status" = 0 ] || { echo "  a Maven run failed (see above)"; bad=1; }
		continue
	fi
	tests=$((tests + 1))
	if [ "$status" = 0 ]; then
		printf '  %-60s passed\n' "$name"
	else
		printf '  %-60s FAILED\n' "$name"
		failed=$((failed + 1))
	fi
done
echo "summary: $((tests - failed - skipped)) passed, $failed failed, $skipped skipped"
[ "$bad" = 0 ] && [ "$failed" = 0 ] && [ "$skipped" = 0 ]
