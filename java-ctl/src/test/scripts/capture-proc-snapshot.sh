#!/bin/bash
# Captures a consistent proc tree for the policy tests: meminfo, uptime and, per
# process, stat, status, cmdline, cgroup, oom_score and oom_score_adj.
# Usage: capture-proc-snapshot.sh DEST PID...
# A process is copied only if its memory counters and oom_score_adj read the
# same before and after oom_score, so the captured oom_score matches them.
# stat comes right before oom_score: its rss (field 24) is what oom_badness() counts.
# (cut -f24 assumes a comm without spaces; such a process is compared on status alone.)
set -euo pipefail
dest=$1
shift
mkdir -p "$dest"
cp /proc/meminfo /proc/uptime "$dest/"
for pid in "$@"; do
	for try in 1 2 3 4 5; do
		d=$dest/$pid
		rm -rf "$d" && mkdir -p "$d"
		cp /proc/$pid/oom_score_adj /proc/$pid/cmdline /proc/$pid/cgroup /proc/$pid/status "$d/"
		cp /proc/$pid/stat "$d/"
		cp /proc/$pid/oom_score "$d/"
		if cmp -s <(grep -E '^(Vm|Rss)' /proc/$pid/status; cut -d' ' -f24 /proc/$pid/stat; cat /proc/$pid/oom_score_adj) \
			<(grep -E '^(Vm|Rss)' "$d/status"; cut -d' ' -f24 "$d/stat"; cat "$d/oom_score_adj"); then
			break
		fi
		[ "$try" = 5 ] && { echo "pid $pid: memory keeps changing" >&2; exit 1; }
	done
done
cp /proc/meminfo "$dest/meminfo.after"
cmp -s <(grep -E '^(MemTotal|SwapTotal):' "$dest/meminfo") \
	<(grep -E '^(MemTotal|SwapTotal):' "$dest/meminfo.after") || { echo "MemTotal changed" >&2; exit 1; }
rm "$dest/meminfo.after"
