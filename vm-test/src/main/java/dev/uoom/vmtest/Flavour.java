package dev.uoom.vmtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The guest kernels that {@code make} builds into {@code out/}, each with its own uoom.ko. */
public enum Flavour {
    /** Debian's 6.12 source without the uoom patches: uoom runs in advisory mode. */
    STOCK(512, Duration.ofSeconds(120), List.of()),
    /** The kernel with the uoom patch series: uoom runs in hooked mode. */
    PATCHED(512, Duration.ofSeconds(120), List.of()),
    /** PATCHED plus KASAN, lockdep, kmemleak and atomic-sleep checks; any report panics. */
    DEBUG(1024, Duration.ofSeconds(240), List.of("panic_on_warn=1", "kmemleak=on")),
    /**
     * Debian's own kernel (the Makefile's DISTRO_KERNEL, from linux-image-*), booted through
     * {@code out/initrd-distro.cpio.gz}, which loads its 9p modules: uoom runs in advisory mode.
     */
    DISTRO(512, Duration.ofSeconds(180), List.of());

    private final int defaultMemoryMiB;
    private final Duration defaultTimeout;
    private final List<String> kernelArgs;

    Flavour(int defaultMemoryMiB, Duration defaultTimeout, List<String> kernelArgs) {
        this.defaultMemoryMiB = defaultMemoryMiB;
        this.defaultTimeout = defaultTimeout;
        this.kernelArgs = kernelArgs;
    }

    /** The name used in file names and on the kernel command line: stock, patched or debug. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this kernel carries the uoom patch series. */
    public boolean patched() {
        return this != STOCK && this != DISTRO;
    }

    /** {@code <repo>/out/bzImage-<id>}, or Debian's {@code <repo>/out/vmlinuz-distro}. */
    public Path kernel(Path repo) {
        return repo.resolve("out").resolve((this == DISTRO ? "vmlinuz-" : "bzImage-") + id());
    }

    /** The initramfs this kernel needs to reach the 9p root: only DISTRO has one. */
    public Optional<Path> initrd(Path repo) {
        return this == DISTRO ? Optional.of(repo.resolve("out").resolve("initrd-distro.cpio.gz")) : Optional.empty();
    }

    /** {@code <repo>/out/uoom-<id>.ko}. */
    public Path module(Path repo) {
        return repo.resolve("out").resolve("uoom-" + id() + ".ko");
    }

    /** Guest memory unless a spec says otherwise; KASAN needs more. */
    public int defaultMemoryMiB() {
        return defaultMemoryMiB;
    }

    /** How long a run may take unless a spec says otherwise. */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** Kernel parameters this flavour always boots with, on top of the common ones. */
    public List<String> kernelArgs() {
        return kernelArgs;
    }
}
