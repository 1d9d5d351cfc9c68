#!/bin/sh
# uoom: launcher for uoom.jar, which sits next to this script.
# uoom.jsa, if present, is an AppCDS archive of the jar's classes (make builds it): it
# cuts JVM start-up, which matters most on small devices and in TCG guests. A stale one
# is ignored, silently.
# -XX:+ExitOnOutOfMemoryError is always on, UOOM_JAVA_OPTS or not: a JVM out of heap is
# left half-working, and the daemon's unit restarts a JVM that exits.
here=$(dirname "$(readlink -f "$0")")
cds=
[ -r "$here/uoom.jsa" ] && cds="-XX:SharedArchiveFile=$here/uoom.jsa -Xlog:cds*=off"
# shellcheck disable=SC2086
exec "${JAVA:-java}" ${UOOM_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto} \
	-XX:+ExitOnOutOfMemoryError $cds \
	-jar "$here/uoom.jar" "$@"
