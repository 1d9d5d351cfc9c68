#!/bin/sh
# Print the release of an x86 bzImage, read from its boot header
# (the kernel_version field at 0x20e points to the version string).
set -eu
img=$1
ptr=$(od -An -tu2 -j 526 -N 2 "$img" | tr -d ' ')
dd if="$img" bs=1 skip=$((ptr + 512)) count=128 2>/dev/null | tr '\0' '\n' | head -n 1 | cut -d' ' -f1
