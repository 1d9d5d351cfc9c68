#!/bin/sh
# uoom: launcher for uoom.jar, which sits next to this script.
here=$(dirname "$(readlink -f "$0")")
exec "${JAVA:-java}" ${UOOM_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto} \
	-jar "$here/uoom.jar" "$@"
