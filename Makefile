# uoom: build the guest kernels, uoom.ko and the Java CLI; lint; test in QEMU.
# See README.md. Build output is cached under $(CACHE), artifacts land in out/.

SHELL := /bin/bash
CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/uoom
export UOOM_CACHE := $(CACHE)
FLAVOURS := stock patched debug
BUILD := vm-test/kernel/build.sh
MVN := mvn -B -ntp
# Minutes all VM tests may take together; past it no guest starts and the run fails.
VM_BUDGET ?= 55
# Guests that may boot at once in the VM tests; timed scenarios still run alone.
VM_PARALLEL ?= 1
REBUILT := $(CACHE)/.rebuilt
LOGS := $(CACHE)/logs

# Debian packages needed to build and test everything. The kernel source is pinned:
# a new Debian stable update must not rebuild every kernel or break a patch unasked.
LINUX_SOURCE := linux-source-6.12=$(shell cat vm-test/kernel/linux-source.version)
DEPS := build-essential flex bison bc libelf-dev libssl-dev cpio xz-utils patch \
	$(LINUX_SOURCE) qemu-system-x86 busybox-static sparse kmod util-linux unzip \
	openjdk-17-jdk-headless maven

# `make deb` only: Debian's packaging tools, installed by `make deb` itself (not by `make`),
# so the default build and CI's `make test` need none of them.
DEB_DEPS := debhelper dh-dkms dpkg-dev lintian asciidoctor man-db unzip openjdk-17-jdk-headless maven
# picocli-codegen (its ManPageGenerator) at the picocli version of pom.xml, from Maven Central.
PICOCLI_VERSION := $(shell sed -n 's:.*<picocli.version>\(.*\)</picocli.version>.*:\1:p' pom.xml)
DEB_VERSION := $(shell sed -n '1s/^uoom (\(.*\)) .*/\1/p' debian/changelog)
DEB_STAGE := out/deb/build/uoom-$(DEB_VERSION)
# The Debian kernel `make deb-check` builds uoom.ko for through DKMS: the ABI name of bookworm's
# linux-headers-6.12.*-amd64 (same 6.12.118 as vm-test/kernel/linux-source.version). Its headers
# depend on the matching linux-image package, so both get installed (no boot entry is used here).
DISTRO_KERNEL := 6.12.118+deb12-amd64

JAVA_SRCS := pom.xml java-ctl/pom.xml $(shell find java-ctl/src/main -type f 2>/dev/null)

.PHONY: all deps deb deb-deps deb-check build distro tools kernels modules artifacts lint checkpatch sparse test unit-test vm-test mutation-check demo clean help

all: deps
	@mkdir -p $(CACHE) && rm -f $(REBUILT)
	@$(MAKE) --no-print-directory build
	@if [ -e $(REBUILT) ]; then echo "==> build finished"; \
	 else echo "==> nothing needs rebuilding: every artifact is up to date"; fi
	@$(MAKE) --no-print-directory artifacts | tee $(CACHE)/artifacts.txt
	@! grep -q MISSING $(CACHE)/artifacts.txt || { echo "==> an artifact is missing (see above)" >&2; exit 1; }

help:
	@echo "make           install missing Debian packages, build kernels, uoom.ko and out/uoom.jar"
	@echo "make artifacts list out/ with the kernel each artifact was built from"
	@echo "make distro    fetch Debian's kernel $(DISTRO_KERNEL) (apt-get download, not installed), its initramfs and uoom.ko (part of make)"
	@echo "make lint      checkpatch --strict and kernel-doc on kmod/ and patches/, sparse on kmod/"
	@echo "make test      lint, Maven unit tests, then the QEMU VM tests; prints a summary"
	@echo "make demo      boot the patched kernel and show what uoom does"
	@echo "make deb       Debian packages uoom and uoom-dkms in out/deb/ (installs their build tools), lintian"
	@echo "make deb-check install the .debs on this host, build uoom.ko by DKMS for Debian's $(DISTRO_KERNEL), check, purge"
	@echo "make mutation-check  break kmod/ on purpose, one way at a time; the VM tests must fail (not in CI)"
	@echo "make clean     remove out/ and Maven output (the kernel cache stays in $(CACHE))"

deps:
	@missing=$$(for p in $(DEPS); do n=$${p%%=*}; v=$${p#$$n}; v=$${v#=}; \
		case "$$(dpkg-query -W -f='$${Status} $${Version}' $$n 2>/dev/null)" in "install ok installed $$v"*) ;; *) echo $$p ;; esac; done); \
	if [ -n "$$missing" ]; then \
		echo "==> installing Debian packages:" $$missing; \
		if [ "$$(id -u)" != 0 ]; then echo "error: run as root, or install them yourself: apt-get install" $$missing >&2; exit 1; fi; \
		mkdir -p $(LOGS); \
		{ apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends --allow-downgrades $$missing; } >$(LOGS)/apt.log 2>&1 \
			|| { tail -n 20 $(LOGS)/apt.log; \
			     if grep -q "Version '.*' for 'linux-source-6.12' was not found" $(LOGS)/apt.log; then \
			       echo "error: the archive no longer has $(LINUX_SOURCE); pick one from 'apt-cache madison linux-source-6.12' and write it to vm-test/kernel/linux-source.version" >&2; fi; \
			     echo "error: apt-get failed; log: $(LOGS)/apt.log" >&2; exit 1; }; \
		echo "==> installed (log: $(LOGS)/apt.log)"; \
	fi

deb-deps:
	@$(MAKE) --no-print-directory deps DEPS="$(DEB_DEPS)"

# Debian packages, with debhelper, in a staging copy: debian/, kmod/ and gen/ (what Maven and
# picocli generate); dpkg-buildpackage writes its output next to the copy, not next to the repo.
deb: deb-deps
	@$(MAKE) --no-print-directory out/uoom.jar out/uoom
	@kver=$$(sed -n 's/^#define UOOM_VERSION "\(.*\)"/\1/p' kmod/uoom.h); \
	 dver=$$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' kmod/dkms.conf); \
	 [ "$$kver" = "$$dver" ] || { echo "error: kmod/dkms.conf PACKAGE_VERSION $$dver is not UOOM_VERSION $$kver (kmod/uoom.h)" >&2; exit 1; }
	@rm -rf out/deb && mkdir -p $(DEB_STAGE)/gen/adoc $(DEB_STAGE)/gen/man $(DEB_STAGE)/gen/completion $(LOGS)
	@cp -r debian kmod $(DEB_STAGE)/
	@cp out/uoom.jar out/uoom java-ctl/systemd/daemon.yaml $(DEB_STAGE)/gen/
	@sed 's|/usr/local/bin/uoom|/usr/bin/uoom|g; s|^# Install: .*|# Installed by the Debian package uoom, disabled; to run it:|; s|^# daemon.yaml in .*|# systemctl enable --now uoom-daemon (the module loaded first: modprobe uoom)|; s|^Description=.*|&\nDocumentation=man:uoom-daemon(1)|' \
		java-ctl/systemd/uoom-daemon.service >$(DEB_STAGE)/debian/uoom.uoom-daemon.service
	@echo "==> man pages and bash completion from the picocli model"
	@$(MVN) -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
		-Dartifact=info.picocli:picocli-codegen:$(PICOCLI_VERSION) -DoutputDirectory=$(CURDIR)/out/deb/tools \
		>$(LOGS)/deb-codegen.log 2>&1 || { cat $(LOGS)/deb-codegen.log; exit 1; }
	@java -cp out/uoom.jar:out/deb/tools/picocli-codegen-$(PICOCLI_VERSION).jar \
		picocli.codegen.docgen.manpage.ManPageGenerator -d $(DEB_STAGE)/gen/adoc dev.uoom.cli.UoomCommand
	@asciidoctor -b manpage -D $(DEB_STAGE)/gen/man $(DEB_STAGE)/gen/adoc/*.adoc
	@java -cp out/uoom.jar picocli.AutoComplete -n uoom -o $(DEB_STAGE)/gen/completion/uoom.sh dev.uoom.cli.UoomCommand
	@sed '1{/^#!/d}' $(DEB_STAGE)/gen/completion/uoom.sh >$(DEB_STAGE)/gen/completion/uoom && rm $(DEB_STAGE)/gen/completion/uoom.sh
	@debian/check-generated.sh $(DEB_STAGE)/gen
	@echo "==> dpkg-buildpackage (log: $(LOGS)/deb-build.log)"
	@cd $(DEB_STAGE) && dpkg-buildpackage -b -us -uc >$(LOGS)/deb-build.log 2>&1 || { tail -n 40 $(LOGS)/deb-build.log; exit 1; }
	@mv out/deb/build/*.deb out/deb/build/*.changes out/deb/build/*.buildinfo out/deb/
	@echo "==> lintian"
	@lintian --info --pedantic --fail-on error,warning out/deb/*.changes
	@ls -1 out/deb/*.deb

# Installs both packages on this machine for a moment (refused if uoom or uoom-dkms is installed already):
# DKMS builds uoom.ko for Debian's kernel (advisory: no OOM select hook there); the CLI, its man page
# and completion answer; then both are purged. Boots nothing.
deb-check: deb
	@! dpkg-query -W -f='$${Status}\n' uoom uoom-dkms 2>/dev/null | grep -q 'ok installed' \
		|| { echo "error: uoom or uoom-dkms is installed; deb-check would purge it" >&2; exit 1; }
	@$(MAKE) --no-print-directory deps DEPS="dkms xz-utils binutils linux-headers-$(DISTRO_KERNEL)" || { \
		echo "error: no linux-headers-$(DISTRO_KERNEL)? pick one from 'apt-cache search linux-headers-6.12' and set DISTRO_KERNEL" >&2; exit 1; }
	@echo "==> dpkg -i out/deb/*.deb (log: $(LOGS)/deb-check.log)"
	@dpkg -i out/deb/uoom-dkms_*.deb out/deb/uoom_*.deb >$(LOGS)/deb-check.log 2>&1 || { tail -n 30 $(LOGS)/deb-check.log; exit 1; }
	@rc=0; \
	 dkms install uoom/$$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' kmod/dkms.conf) -k $(DISTRO_KERNEL) >>$(LOGS)/deb-check.log 2>&1 || rc=1; \
	 dkms status uoom 2>/dev/null; \
	 ko=$$(modinfo -k $(DISTRO_KERNEL) -n uoom 2>/dev/null) || { echo "error: no uoom.ko for $(DISTRO_KERNEL)" >&2; rc=1; }; \
	 if [ -n "$$ko" ]; then \
	   modinfo $$ko | grep -E '^(filename|version|vermagic|signer):'; \
	   [ "$$(modinfo -F vermagic $$ko | cut -d' ' -f1)" = "$(DISTRO_KERNEL)" ] || { echo "error: wrong vermagic" >&2; rc=1; }; \
	   if grep -q '^CONFIG_OOM_SELECT_HOOK=y' /usr/src/linux-headers-$(DISTRO_KERNEL)/.config; then mode=hooked; else mode=advisory; fi; \
	   xz -dcf $$ko >out/deb/uoom-$(DISTRO_KERNEL).ko; \
	   syms=$$(nm -u out/deb/uoom-$(DISTRO_KERNEL).ko | grep -c ' oom_select_hook_register$$'); \
	   echo "uoom.ko: built $$mode (oom_select_hook_register referenced: $$syms; a copy: out/deb/uoom-$(DISTRO_KERNEL).ko)"; \
	   case $$mode:$$syms in hooked:1|advisory:0) ;; *) echo "error: build does not match the kernel's config" >&2; rc=1;; esac; \
	 fi; \
	 uoom --help >/dev/null && echo "uoom --help: ok" || rc=1; \
	 man -w uoom || rc=1; \
	 bash -c 'source /usr/share/bash-completion/completions/uoom && complete -p uoom' || rc=1; \
	 [ "$$(systemctl is-enabled uoom-daemon 2>/dev/null || true)" != enabled ] && echo "uoom-daemon.service: not enabled" || rc=1; \
	 echo "==> dpkg -P uoom uoom-dkms"; \
	 dpkg -P uoom uoom-dkms >>$(LOGS)/deb-check.log 2>&1 || rc=1; \
	 [ ! -e /usr/src/uoom-$$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' kmod/dkms.conf) ] && [ -z "$$(dkms status uoom 2>/dev/null)" ] || { echo "error: purge left uoom behind" >&2; rc=1; }; \
	 [ $$rc = 0 ] && echo "deb-check: passed" || { echo "deb-check: FAILED (log: $(LOGS)/deb-check.log)" >&2; exit 1; }

build: kernels modules distro out/uoom.jar out/uoom out/uoom.jsa tools

# Debian's kernel for DistroKernelVmTest: out/vmlinuz-distro, out/initrd-distro.cpio.gz and
# out/uoom-distro.ko (vm-test/kernel/distro.sh; cached under $(CACHE)/distro/).
distro:
	@vm-test/kernel/distro.sh $(DISTRO_KERNEL)

# Programs the VM tests run in the guest (the guest sees the host's root).
tools: out/tools/memhog out/tools/mm_sharer out/tools/oom_queue_test out/tools/seed_protect out/tools/protect_test out/tools/modcycle out/tools/oom_notify_poll out/tools/CacheDemo.class out/tools/tsc_khz

out/tools/%: vm-test/guest/tools/%.c kmod/uapi/linux/uoom.h
	@mkdir -p out/tools
	@echo "==> building $@"
	@$(CC) -O2 -Wall -Ikmod/uapi -o $@ $< -lpthread
	@touch $(REBUILT)

# Run on the host: the TSC rate the TCG guests are told (vm-test/README.md).
out/tools/tsc_khz: vm-test/host/tsc_khz.c
	@mkdir -p out/tools
	@echo "==> building $@"
	@$(CC) -O2 -Wall -o $@ $<
	@touch $(REBUILT)

# The kselftest from patches/, built from the patched source tree.
out/tools/oom_queue_test: $(wildcard patches/*.patch) | kernels
	@mkdir -p out/tools
	@echo "==> building $@ (kselftest from patches/)"
	@src=$$($(BUILD) srcdir patched) && \
		$(CC) -O2 -Wall -I$$src/tools/testing/selftests/mm -o $@ $$src/tools/testing/selftests/oom_queue/oom_queue_test.c
	@touch $(REBUILT)

# A Java application on the uoom library, compiled here: javac under TCG is slow.
out/tools/CacheDemo.class: vm-test/guest/tools/CacheDemo.java out/uoom.jar
	@mkdir -p out/tools
	@echo "==> building $@"
	@javac -cp out/uoom.jar -d out/tools $<
	@touch $(REBUILT)

kernels:
	@for f in $(FLAVOURS); do $(BUILD) kernel $$f || exit 1; done

modules: kernels
	@for f in $(FLAVOURS); do $(BUILD) module $$f || exit 1; done

out/uoom.jar: $(JAVA_SRCS)
	@mkdir -p out $(LOGS)
	@echo "==> building out/uoom.jar (log: $(LOGS)/maven-package.log)"
	@$(MVN) -pl java-ctl -am package -DskipTests >$(LOGS)/maven-package.log 2>&1 \
		|| { tail -n 30 $(LOGS)/maven-package.log; exit 1; }
	@cp java-ctl/target/uoom.jar $@
	@touch $(REBUILT)

# AppCDS archive for the launcher: the classes one ranking run loads, from this exact jar.
out/uoom.jsa: out/uoom.jar out/uoom
	@echo "==> building $@ (AppCDS archive of out/uoom.jar)"
	@rm -f $@
	@UOOM_JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ArchiveClassesAtExit=$@" \
		out/uoom rank --policy modern --json >/dev/null 2>$(LOGS)/cds.log || { cat $(LOGS)/cds.log; exit 1; }
	@[ -s $@ ] || { cat $(LOGS)/cds.log; echo "error: no $@" >&2; exit 1; }
	@touch $(REBUILT)

out/uoom: java-ctl/uoom.sh
	@mkdir -p out
	@install -m 0755 $< $@
	@touch $(REBUILT)

artifacts:
	@for f in $(FLAVOURS); do \
		k=out/bzImage-$$f; m=out/uoom-$$f.ko; \
		[ -e $$k ] && printf '%-24s kernel %s\n' $$k "$$(vm-test/kernel/kernel-release.sh $$k)" || printf '%-24s MISSING\n' $$k; \
		[ -e $$m ] && printf '%-24s uoom %s for kernel %s\n' $$m "$$(modinfo -F version $$m)" "$$(modinfo -F vermagic $$m | cut -d' ' -f1)" || printf '%-24s MISSING\n' $$m; \
	done
	@k=out/vmlinuz-distro; m=out/uoom-distro.ko; \
	 [ -e $$k ] && printf '%-24s kernel %s (Debian, linux-image-%s)\n' $$k $(DISTRO_KERNEL) $(DISTRO_KERNEL) || printf '%-24s MISSING\n' $$k; \
	 [ -e out/initrd-distro.cpio.gz ] && printf '%-24s busybox and 9p modules for it\n' out/initrd-distro.cpio.gz || printf '%-24s MISSING\n' out/initrd-distro.cpio.gz; \
	 [ -e $$m ] && printf '%-24s uoom %s for kernel %s\n' $$m "$$(modinfo -F version $$m)" "$$(modinfo -F vermagic $$m | cut -d' ' -f1)" || printf '%-24s MISSING\n' $$m
	@[ -e out/uoom.jar ] && printf '%-24s uoom CLI %s (java -jar out/uoom.jar)\n' out/uoom.jar "$$(unzip -p out/uoom.jar META-INF/MANIFEST.MF 2>/dev/null | sed -n 's/^Implementation-Version: *//p' | tr -d '\r')" || printf '%-24s MISSING\n' out/uoom.jar
	@[ -e out/uoom ] && printf '%-24s launcher for out/uoom.jar\n' out/uoom || printf '%-24s MISSING\n' out/uoom
	@[ -e out/uoom.jsa ] && printf '%-24s AppCDS archive for out/uoom.jar\n' out/uoom.jsa || printf '%-24s MISSING\n' out/uoom.jsa

lint: checkpatch sparse

checkpatch: deps
	@src=$$($(BUILD) srcdir stock) && \
	echo "==> checkpatch --strict: kmod/" && \
	$$src/scripts/checkpatch.pl --strict --no-tree --terse --show-types -f $(CURDIR)/kmod/*.c $(CURDIR)/kmod/*.h && \
	echo "==> checkpatch --strict: patches/" && \
	$$src/scripts/checkpatch.pl --strict --no-tree --terse --show-types $$(ls $(CURDIR)/patches/*.patch | grep -v /0000-) && \
	echo "==> kernel-doc -Wall: kmod/" && \
	$$src/scripts/kernel-doc -none -Wall -Werror kmod/*.c kmod/*.h && \
	echo "checkpatch: clean"

sparse: deps kernels
	@mkdir -p $(LOGS); rm -rf $(CACHE)/sparse; cp -r kmod $(CACHE)/sparse
	@echo "==> sparse (make C=2) on kmod/ against the patched kernel"
	@$(MAKE) -s -C $(CACHE)/sparse KDIR=$$($(BUILD) kdir patched) C=2 >$(LOGS)/sparse.log 2>&1 \
		|| { cat $(LOGS)/sparse.log; exit 1; }
	@if grep -E 'warning|error' $(LOGS)/sparse.log; then echo "sparse: reports above" >&2; exit 1; fi
	@echo "sparse: clean"

unit-test:
	$(MVN) test

vm-test: all
	@mkdir -p vm-test/target && start=$$(date +%s); \
	$(MVN) -pl vm-test test -Duoom.test.groups=vm -Duoom.test.excludedGroups= -DfailIfNoTests=true \
		-Duoom.vm.budget=$(VM_BUDGET) -Duoom.vm.parallel=$(VM_PARALLEL); rc=$$?; \
	echo "$$(($$(date +%s) - start)) $(VM_PARALLEL)" >vm-test/target/vm-wall.txt; exit $$rc

test: all
	@rm -rf java-ctl/target/surefire-reports vm-test/target/surefire-reports vm-test/target/vm-wall.txt
	@cp=0 sp=0 mv=0; \
	$(MAKE) --no-print-directory checkpatch || cp=1; \
	$(MAKE) --no-print-directory sparse || sp=1; \
	$(MAKE) --no-print-directory unit-test || mv=1; \
	$(MAKE) --no-print-directory vm-test || mv=1; \
	vm-test/summary.sh checkpatch=$$cp sparse=$$sp maven=$$mv

mutation-check: all
	vm-test/mutation-check.sh

demo: all
	@$(MVN) -q -pl vm-test package -DskipTests >out/demo-build.log 2>&1 || { cat out/demo-build.log; exit 1; }
	@java -cp "vm-test/target/classes:$$(cat vm-test/target/classpath.txt)" dev.uoom.vmtest.Demo

clean:
	rm -rf out java-ctl/target vm-test/target
