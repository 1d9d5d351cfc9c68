#!/bin/bash
# Debian's own kernel for the VM tests (flavour distro), cached outside the repo.
#
#   distro.sh <release>   e.g. 6.12.118+deb12-amd64:
#     linux-image-<release> fetched with apt-get download (not installed: no initramfs or
#       bootloader hooks run) and unpacked into $cache/distro/<release>/image/;
#     out/vmlinuz-distro, its kernel;
#     out/initrd-distro.cpio.gz, busybox-static and the 9p module chain (vm-test/kernel/initramfs-init
#       as /init), which mounts the host root over 9p and switches to vm-test/guest/init;
#     out/uoom-distro.ko, built against linux-headers-<release>, fetched and unpacked the same way.
# Each step is keyed by its inputs; an unchanged key redoes nothing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${UOOM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/uoom}
out=${UOOM_OUT:-$repo/out}

die() { echo "distro.sh: $*" >&2; exit 1; }
say() { echo "==> $*"; }

[ $# -eq 1 ] || die "usage: distro.sh <kernel release, as DISTRO_KERNEL>"
release=$1
pkg=linux-image-$release
dir="$cache/distro/$release"
image="$dir/image"
mkdir -p "$dir" "$out" "$cache/logs"
exec 9>"$dir/.lock"
flock 9

fetch_image() {
	if [ -f "$image/.uoom-unpacked" ]; then
		echo "    distro image $release: up to date ($(cat "$image/.uoom-unpacked"))"
		return 0
	fi
	say "fetching $pkg with apt-get download (not installed)"
	rm -rf "$dir/deb" "$image" "$image.tmp"
	mkdir -p "$dir/deb"
	local log="$cache/logs/distro-download.log"
	if ! (cd "$dir/deb" && apt-get download "$pkg") >"$log" 2>&1; then
		tail -n 5 "$log" >&2
		if grep -qE "Unable to locate package|Can't select|has no installation candidate" "$log"; then
			die "the archive has no $pkg (apt-get update? pick one from 'apt-cache search linux-image-6.12' and set DISTRO_KERNEL)"
		fi
		die "apt-get download $pkg failed; log: $log"
	fi
	local deb
	deb=$(ls "$dir"/deb/*.deb)
	say "unpacking $(basename "$deb") with dpkg-deb -x"
	dpkg-deb -x "$deb" "$image.tmp"
	[ -f "$image.tmp/boot/vmlinuz-$release" ] || die "$deb holds no boot/vmlinuz-$release"
	[ -f "$image.tmp/lib/modules/$release/modules.order" ] || die "$deb holds no lib/modules/$release"
	# The package leaves modules.dep to its postinst; depmod writes it into the unpacked tree only.
	say "depmod -b for the unpacked tree"
	depmod -b "$image.tmp" "$release" || die "depmod -b $image.tmp $release failed"
	dpkg-deb -f "$deb" Version >"$image.tmp/.uoom-unpacked"
	mv "$image.tmp" "$image"
	touch "$cache/.rebuilt"
}

# The 9p modules and what they need, in load order, as paths under lib/modules/<release>/.
chain() {
	local dep="$image/lib/modules/$release/modules.dep"
	awk -v want="9p 9pnet_virtio" '
		BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) wanted[w[i]] = 1 }
		{ mod = $1; sub(":$", "", mod); name = mod; sub(".*/", "", name); sub("\\.ko.*", "", name)
		  deps[mod] = ""; for (i = 2; i <= NF; i++) deps[mod] = deps[mod] " " $i; path[name] = mod }
		function visit(m,   d, k, i) { if (m in seen) return; seen[m] = 1
			k = split(deps[m], d, " "); for (i = k; i >= 1; i--) visit(d[i]); print m }
		END { for (i = 1; i <= n; i++) { if (!(w[i] in path)) { print "missing " w[i] > "/dev/stderr"; exit 1 } visit(path[w[i]]) } }
	' "$dep"
}

build_initramfs() {
	local key mods m stage
	mods=$(chain) || die "modules.dep of $release lacks the 9p modules"
	key=$( { cat "$image/.uoom-unpacked" "$here/initramfs-init"; echo "$mods"; sha256sum /bin/busybox; } | sha256sum | cut -c1-16)
	if [ -f "$dir/initrd.key" ] && [ "$(cat "$dir/initrd.key")" = "$key" ] && [ -f "$dir/initrd.cpio.gz" ]; then
		echo "    distro initramfs: up to date (key $key)"
	else
		say "building the initramfs: busybox and $(echo "$mods" | sed 's:.*/::; s:\.ko.*::' | tr '\n' ' ')"
		[ -x /bin/busybox ] && /bin/busybox --list | grep -qx switch_root ||
			die "/bin/busybox is not busybox-static with switch_root (run make deps)"
		stage="$dir/initrd.stage"
		rm -rf "$stage"
		mkdir -p "$stage"/{bin,dev,proc,sys,newroot,modules}
		cp /bin/busybox "$stage/bin/busybox"
		ln -s busybox "$stage/bin/sh"
		install -m 0755 "$here/initramfs-init" "$stage/init"
		: >"$stage/modules/order"
		# busybox insmod reads no .ko.xz: each module goes in decompressed.
		while read -r m; do
			local name
			name=$(basename "$m" | sed 's/\.ko.*//')
			case $m in
			*.xz) xz -dc "$image/lib/modules/$release/$m" >"$stage/modules/$name.ko" ;;
			*.zst) zstd -qdc "$image/lib/modules/$release/$m" >"$stage/modules/$name.ko" ;;
			*) cp "$image/lib/modules/$release/$m" "$stage/modules/$name.ko" ;;
			esac
			echo "$name.ko" >>"$stage/modules/order"
		done <<<"$mods"
		(cd "$stage" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --owner=0:0 --quiet) |
			gzip -9n >"$dir/initrd.cpio.gz"
		rm -rf "$stage"
		echo "$key" >"$dir/initrd.key"
		touch "$cache/.rebuilt"
	fi
	cmp -s "$dir/initrd.cpio.gz" "$out/initrd-distro.cpio.gz" || cp "$dir/initrd.cpio.gz" "$out/initrd-distro.cpio.gz"
	cmp -s "$image/boot/vmlinuz-$release" "$out/vmlinuz-distro" || cp "$image/boot/vmlinuz-$release" "$out/vmlinuz-distro"
}

# The headers as the image: linux-headers-<release>, its -common and linux-kbuild, downloaded and
# unpacked, never installed (the headers package depends on the image, whose hooks would run).
fetch_headers() {
	local h="$dir/headers" common kbuild p log="$cache/logs/distro-download.log"
	if [ -f "$h/.uoom-unpacked" ]; then
		echo "    distro headers $release: up to date"
		return 0
	fi
	kbuild=linux-kbuild-$(sed 's/^\([0-9.]*+[a-z]*[0-9]*\).*/\1/' <<<"$release")
	common=linux-headers-$(sed 's/-[a-z0-9]*$//' <<<"$release")-common
	rm -rf "$dir/hdeb" "$h" "$h.tmp"
	mkdir -p "$dir/hdeb"
	for p in "linux-headers-$release" "$common" "$kbuild"; do
		say "fetching $p with apt-get download (not installed)"
		(cd "$dir/hdeb" && apt-get download "$p") >"$log" 2>&1 || {
			tail -n 5 "$log" >&2
			die "apt-get download $p failed (is it in the archive? apt-cache search linux-headers-6.12); log: $log"
		}
	done
	for p in "$dir"/hdeb/*.deb; do dpkg-deb -x "$p" "$h.tmp"; done
	# Its Makefile includes the -common tree by absolute path: point it at the unpacked one.
	sed -i "s:^include /usr/src/:include $h/usr/src/:" "$h.tmp/usr/src/linux-headers-$release/Makefile"
	touch "$h.tmp/.uoom-unpacked"
	mv "$h.tmp" "$h"
}

# As build.sh builds a flavour's module: a copy of kmod/ per checkout, keyed by the kernel and sources.
build_module() {
	local kdir="$dir/headers/usr/src/linux-headers-$release" mdir key mode syms
	[ -f "$kdir/Module.symvers" ] || die "$kdir has no Module.symvers"
	mdir="$cache/kmod/$(printf %s "$repo" | sha256sum | cut -c1-8)/distro"
	key=$( { echo "$release $kdir"; cat "$kdir/.config" "$kdir/Module.symvers"; find "$repo/kmod" -type f \( -name '*.[ch]' -o -name Kbuild -o -name Makefile \) | sort | xargs cat; } | sha256sum | cut -c1-16)
	if [ -f "$mdir/.uoom-key" ] && [ "$(cat "$mdir/.uoom-key")" = "$key" ] && [ -f "$mdir/uoom.ko" ]; then
		echo "    module distro: up to date (key $key)"
	else
		rm -rf "$mdir"
		mkdir -p "$mdir"
		cp -r "$repo/kmod/." "$mdir/"
		say "building uoom.ko for $release (log: $mdir.log)"
		make -C "$mdir" KDIR="$kdir" W=1 >"$mdir.log" 2>&1 || { tail -n 30 "$mdir.log" >&2; die "building uoom.ko for $release failed"; }
		# As make deb-check: the build must match the kernel's config (advisory without the hook).
		if grep -q '^CONFIG_OOM_SELECT_HOOK=y' "$kdir/.config"; then mode=hooked; else mode=advisory; fi
		syms=$(nm -u "$mdir/uoom.ko" | grep -c ' oom_select_hook_register$' || true)
		case $mode:$syms in hooked:1 | advisory:0) ;; *) die "uoom.ko for $release: $mode kernel, yet oom_select_hook_register referenced $syms times" ;; esac
		[ "$(modinfo -F vermagic "$mdir/uoom.ko" | cut -d' ' -f1)" = "$release" ] || die "uoom.ko for $release: wrong vermagic"
		echo "    uoom.ko for $release: $mode"
		echo "$key" >"$mdir/.uoom-key"
		touch "$cache/.rebuilt"
	fi
	cmp -s "$mdir/uoom.ko" "$out/uoom-distro.ko" || cp "$mdir/uoom.ko" "$out/uoom-distro.ko"
}

fetch_image
build_initramfs
fetch_headers
build_module
