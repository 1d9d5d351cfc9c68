#!/bin/bash
# Build the guest kernels and uoom.ko for each flavour, cached outside the repo.
#
#   build.sh kernel <stock|patched|debug>   bzImage -> out/bzImage-<flavour>
#   build.sh module <stock|patched|debug>   uoom.ko -> out/uoom-<flavour>.ko
#   build.sh srcdir <stock|patched|debug>   print the source tree a flavour builds from
#   build.sh kdir   <stock|patched|debug>   print the kernel build dir (for M= builds)
#
# Every build is keyed by a hash of its inputs (source version, config fragments,
# patches, compiler, recipe); an unchanged key rebuilds nothing. Build dirs are
# reused, so a changed key is an incremental build. One build at a time holds
# $cache/.lock; a second waits for it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${UOOM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/uoom}
out=${UOOM_OUT:-$repo/out}
jobs=${JOBS:-$(($(nproc) + 1))}
tarball=/usr/src/linux-source-6.12.tar.xz

die() { echo "build.sh: $*" >&2; exit 1; }
say() { echo "==> $*"; }

# The Debian source package version every kernel is built from (make deps installs it).
pinned=$(cat "$here/linux-source.version")
# Bump when the way a kernel is configured or built changes (not for comments).
recipe="tinyconfig + fragments, olddefconfig, make bzImage modules; 1"

src_version() {
	local v
	v=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null) ||
		die "linux-source-6.12 is not installed (run make deps)"
	[ "$v" = "$pinned" ] ||
		die "linux-source-6.12 $v is installed, but the kernels are pinned to $pinned (run make deps)"
	printf %s "$v" | tr '~:' '__'
}

# The compiler and linker are part of every key: a new gcc rebuilds the kernels.
toolchain() { { ${CC:-gcc} --version | head -n 1; ld --version | head -n 1; } 2>&1; }

lock_cache() {
	mkdir -p "$cache"
	exec 9>"$cache/.lock"
	flock -n 9 && return 0
	say "waiting for another build to release $cache/.lock" >&2
	flock 9
}

srcroot="$cache/src/$(src_version)"
pristine="$srcroot/linux-source-6.12"
patched="$srcroot/patched"
mapfile -t series < <(find "$repo/patches" -maxdepth 1 -name '*.patch' ! -name '0000-*' | sort)

hash_files() { cat "$@" | sha256sum | cut -c1-16; }

# Run a long command with its output in a log, printing a heartbeat.
run_logged() {
	local what=$1 log=$2
	shift 2
	mkdir -p "$(dirname "$log")"
	say "$what (log: $log)"
	local start=$SECONDS
	"$@" >"$log" 2>&1 &
	local pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 5
		if (((SECONDS - start) % 30 < 5)) && kill -0 "$pid" 2>/dev/null; then
			printf '    %dm%02ds  %s\n' $(((SECONDS - start) / 60)) $(((SECONDS - start) % 60)) \
				"$(tail -n 1 "$log" | cut -c1-100)"
		fi
	done
	if ! wait "$pid"; then
		tail -n 30 "$log" >&2
		die "$what failed; full log: $log"
	fi
	say "$what done in $((SECONDS - start))s"
}

unpack_source() {
	[ -f "$pristine/.uoom-unpacked" ] && return 0
	[ -f "$tarball" ] || die "$tarball missing (run make deps)"
	rm -rf "$pristine"
	mkdir -p "$srcroot"
	run_logged "unpacking $(basename "$tarball")" "$cache/logs/unpack.log" \
		tar -C "$srcroot" -xf "$tarball"
	touch "$pristine/.uoom-unpacked"
}

# Keep $patched = pristine + patches/*.patch.  Only the part of the series
# that changed is reverse-applied and re-applied, so only the files it
# touches get new mtimes.
# Two patches are the same if their diffs are (headers and messages aside).
same_patch() { cmp -s <(sed -n "/^diff --git/,\$p" "$1") <(sed -n "/^diff --git/,\$p" "$2"); }

prepare_patched() {
	unpack_source
	local applied="$patched/.uoom-series" keep=0 i p dry
	local -a old=()
	[ -d "$applied" ] && mapfile -t old < <(find "$applied" -name '*.patch' | sort)
	while [ $keep -lt ${#old[@]} ] && [ $keep -lt ${#series[@]} ] &&
		same_patch "${old[$keep]}" "${series[$keep]}"; do
		keep=$((keep + 1))
	done
	if [ -d "$patched" ] && [ $keep = ${#old[@]} ] && [ $keep = ${#series[@]} ]; then
		return 0
	fi
	for ((i = ${#old[@]} - 1; i >= keep; i--)); do
		echo "    reverting $(basename "${old[$i]}")"
		if ! patch -s -R -p1 --dry-run -d "$patched" <"${old[$i]}" >/dev/null ||
			! patch -s -R -p1 -d "$patched" <"${old[$i]}"; then
			echo "    reverting failed; copying a fresh tree"
			rm -rf "$patched"
			keep=0
			break
		fi
		rm "${old[$i]}"
	done
	if [ ! -d "$patched" ]; then
		say "copying the source tree for the patched flavours"
		cp -a "$pristine" "$patched"
	fi
	[ $keep = 0 ] && rm -rf "$applied"
	mkdir -p "$applied"
	# A patch that does not apply cleanly is refused before it touches the tree.
	for p in "${series[@]:$keep}"; do
		echo "    applying $(basename "$p")"
		if ! dry=$(patch -p1 -F0 --dry-run -d "$patched" <"$p" 2>&1); then
			echo "$dry" | grep -v '^checking file' >&2
			die "$(basename "$p") does not apply to $(src_version); the tree holds the patches before it"
		fi
		patch -s -p1 -F0 -d "$patched" <"$p"
		cp "$p" "$applied/"
	done
}

flavour_src() {
	case $1 in
	stock) echo "$pristine" ;;
	patched | debug) echo "$patched" ;;
	*) die "unknown flavour '$1' (stock, patched, debug)" ;;
	esac
}

flavour_frags() {
	local c="$here/configs"
	case $1 in
	stock) echo "$c/guest.config" ;;
	patched) echo "$c/guest.config $c/patched.config" ;;
	debug) echo "$c/guest.config $c/patched.config $c/debug.config" ;;
	esac
}

kernel_key() {
	local f=$1 inputs
	# shellcheck disable=SC2046
	inputs=$(flavour_frags "$f")
	{
		echo "$(src_version) $f $recipe"
		toolchain
		cat $inputs
		[ "$f" = stock ] || cat "${series[@]}" /dev/null
	} | sha256sum | cut -c1-16
}

# Fail if an option the fragments ask for did not survive olddefconfig.
check_config() {
	local cfg=$1 frag line name val bad=0
	shift
	for frag in "$@"; do
		while IFS= read -r line; do
			case $line in CONFIG_*=*) ;; *) continue ;; esac
			name=${line%%=*}
			val=${line#*=}
			if [ "$val" = n ]; then
				grep -q "^$name=" "$cfg" && { echo "    $name: wanted n, got $(grep "^$name=" "$cfg")"; bad=1; }
			elif ! grep -qx "$name=$val" "$cfg"; then
				echo "    $name: wanted $val, got $(grep "^$name=" "$cfg" || echo 'not set')"
				bad=1
			fi
		done <"$frag"
	done
	return $bad
}

build_kernel() {
	local f=$1 src kdir key frags
	src=$(flavour_src "$f")
	[ "$f" = stock ] && unpack_source || prepare_patched
	kdir="$cache/build/$f"
	key=$(kernel_key "$f")
	if [ -f "$kdir/.uoom-key" ] && [ "$(cat "$kdir/.uoom-key")" = "$key" ] &&
		[ -f "$kdir/arch/x86/boot/bzImage" ]; then
		echo "    kernel $f: up to date ($(cat "$kdir/include/config/kernel.release"), key $key)"
	else
		mkdir -p "$kdir"
		rm -f "$kdir/.uoom-key"
		# shellcheck disable=SC2046
		frags=$(flavour_frags "$f")
		local log="$cache/logs/kernel-$f.log"
		mkdir -p "$cache/logs"
		{
			make -s -C "$src" O="$kdir" ARCH=x86_64 tinyconfig
			echo "CONFIG_LOCALVERSION=\"-uoom-$f\"" >"$kdir/uoom-version.frag"
			# shellcheck disable=SC2086
			"$src/scripts/kconfig/merge_config.sh" -m -O "$kdir" "$kdir/.config" \
				$frags "$kdir/uoom-version.frag"
			make -s -C "$src" O="$kdir" ARCH=x86_64 olddefconfig
		} >"$log.config" 2>&1 || { tail -n 20 "$log.config"; die "configuring $f failed"; }
		# shellcheck disable=SC2086
		check_config "$kdir/.config" $frags || die "kernel $f: config fragment options were dropped (see above)"
		run_logged "building kernel $f from $(src_version) with -j$jobs" "$log" \
			make -C "$src" O="$kdir" ARCH=x86_64 -j"$jobs" bzImage modules
		echo "$key" >"$kdir/.uoom-key"
		touch "$cache/.rebuilt"
	fi
	mkdir -p "$out"
	cmp -s "$kdir/arch/x86/boot/bzImage" "$out/bzImage-$f" ||
		cp "$kdir/arch/x86/boot/bzImage" "$out/bzImage-$f"
}

build_module() {
	local f=$1 kdir mdir key
	kdir="$cache/build/$f"
	[ -f "$kdir/.uoom-key" ] || die "kernel $f is not built (run: build.sh kernel $f)"
	# One build directory per checkout, so that worktrees do not share one.
	mdir="$cache/kmod/$(printf %s "$repo" | sha256sum | cut -c1-8)/$f"
	key=$( { cat "$kdir/.uoom-key" "$kdir/include/config/kernel.release" "$kdir/Module.symvers"; find "$repo/kmod" -type f \( -name '*.[ch]' -o -name Kbuild -o -name Makefile \) | sort | xargs cat; } | sha256sum | cut -c1-16)
	if [ -f "$mdir/.uoom-key" ] && [ "$(cat "$mdir/.uoom-key")" = "$key" ] && [ -f "$mdir/uoom.ko" ]; then
		echo "    module $f: up to date (key $key)"
	else
		rm -rf "$mdir"
		mkdir -p "$mdir"
		cp -r "$repo/kmod/." "$mdir/"
		run_logged "building uoom.ko for $f" "$mdir.log" \
			make -C "$mdir" KDIR="$kdir" W=1
		echo "$key" >"$mdir/.uoom-key"
		touch "$cache/.rebuilt"
	fi
	mkdir -p "$out"
	cmp -s "$mdir/uoom.ko" "$out/uoom-$f.ko" || cp "$mdir/uoom.ko" "$out/uoom-$f.ko"
}

[ $# -eq 2 ] || die "usage: build.sh kernel|module|srcdir|kdir stock|patched|debug"
flavour_src "$2" >/dev/null
[ "$1" = kdir ] || lock_cache
case $1 in
kernel) build_kernel "$2" ;;
module) build_module "$2" ;;
srcdir)
	[ "$2" = stock ] && unpack_source >&2 || prepare_patched >&2
	flavour_src "$2"
	;;
kdir) echo "$cache/build/$2" ;;
*) die "unknown command '$1'" ;;
esac
