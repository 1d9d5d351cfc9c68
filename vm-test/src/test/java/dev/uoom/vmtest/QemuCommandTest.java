package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class QemuCommandTest {

    private static final Path REPO = Path.of("/src/uoom");
    private static final Path SHARE = Path.of("/src/uoom/vm-test/target/vm-logs/T.t/share");

    private static String after(List<String> cmd, String option) {
        return cmd.get(cmd.indexOf(option) + 1);
    }

    @Test
    void stockCommand() {
        VmSpec spec = VmSpec.builder(Flavour.STOCK).scenario("true").build();
        List<String> cmd = QemuCommand.build("qemu-system-x86_64", spec, REPO, SHARE, false);
        assertEquals(List.of("qemu-system-x86_64", "-cpu", "max"), cmd.subList(0, 3));
        assertEquals("512", after(cmd, "-m"));
        assertEquals("2,sockets=2", after(cmd, "-smp"));
        assertEquals("none", after(cmd, "-display"));
        assertEquals("none", after(cmd, "-monitor"));
        assertEquals("stdio", after(cmd, "-serial"));
        assertTrue(cmd.contains("-no-reboot"));
        assertTrue(cmd.contains("-nodefaults"));
        assertFalse(cmd.contains("-enable-kvm"));
        assertEquals("/src/uoom/out/bzImage-stock", after(cmd, "-kernel"));
        assertEquals(
                "console=ttyS0 root=/dev/root rootfstype=9p"
                        + " rootflags=trans=virtio,version=9p2000.L,msize=262144,cache=loose ro"
                        + " init=/src/uoom/vm-test/guest/init panic=-1 oops=panic"
                        + " UOOM_REPO=/src/uoom UOOM_FLAVOUR=stock UOOM_MODULE=/src/uoom/out/uoom-stock.ko",
                after(cmd, "-append"));
        assertEquals(List.of(
                "-fsdev", "local,id=rootfs,path=/,security_model=none,multidevs=remap,readonly=on",
                "-device", "virtio-9p-pci,fsdev=rootfs,mount_tag=/dev/root",
                "-fsdev", "local,id=repo,path=/src/uoom,security_model=none,multidevs=remap,readonly=on",
                "-device", "virtio-9p-pci,fsdev=repo,mount_tag=uoomrepo",
                "-fsdev", "local,id=share,path=" + SHARE + ",security_model=none,multidevs=remap",
                "-device", "virtio-9p-pci,fsdev=share,mount_tag=uoomshare"),
                cmd.subList(cmd.indexOf("-fsdev"), cmd.size()));
    }

    @Test
    void debugFlavourPanicsOnWarningsAndHasMoreMemory() {
        VmSpec spec = VmSpec.builder(Flavour.DEBUG).scenario("true").loadModule(false).cpus(1)
                .kernelArg("loglevel=8").build();
        List<String> cmd = QemuCommand.build("qemu", spec, REPO, SHARE, true);
        assertEquals(List.of("qemu", "-enable-kvm", "-cpu", "host"), cmd.subList(0, 4));
        assertEquals("1024", after(cmd, "-m"));
        assertEquals("1,sockets=1", after(cmd, "-smp"));
        assertEquals("/src/uoom/out/bzImage-debug", after(cmd, "-kernel"));
        String append = after(cmd, "-append");
        assertTrue(append.contains(" oops=panic panic_on_warn=1 kmemleak=on loglevel=8 UOOM_REPO="), append);
        assertTrue(append.endsWith(" UOOM_FLAVOUR=debug UOOM_MODULE=none"), append);
    }

    @Test
    void distroBootsDebiansKernelThroughItsInitramfs() {
        VmSpec spec = VmSpec.builder(Flavour.DISTRO).scenario("true").build();
        List<String> cmd = QemuCommand.build("qemu", spec, REPO, SHARE, false);
        assertEquals("/src/uoom/out/vmlinuz-distro", after(cmd, "-kernel"));
        assertEquals("/src/uoom/out/initrd-distro.cpio.gz", after(cmd, "-initrd"));
        assertEquals(512, spec.memoryMiB());
        assertFalse(Flavour.DISTRO.patched());
        // The initramfs mounts the root and runs init= from this same command line.
        assertEquals(
                "console=ttyS0 root=/dev/root rootfstype=9p"
                        + " rootflags=trans=virtio,version=9p2000.L,msize=262144,cache=loose ro"
                        + " init=/src/uoom/vm-test/guest/init panic=-1 oops=panic"
                        + " UOOM_REPO=/src/uoom UOOM_FLAVOUR=distro UOOM_MODULE=/src/uoom/out/uoom-distro.ko",
                after(cmd, "-append"));
        assertFalse(QemuCommand.build("qemu", VmSpec.builder(Flavour.STOCK).scenario("true").build(), REPO, SHARE,
                false).contains("-initrd"));
    }

    @Test
    void tcgGuestIsToldTheTscRateAndKvmIsNot() {
        VmSpec spec = VmSpec.builder(Flavour.STOCK).scenario("true").build();
        String tcg = after(QemuCommand.build("qemu", spec, REPO, SHARE, false, OptionalLong.of(2445409)), "-append");
        assertTrue(tcg.contains(" oops=panic tsc_early_khz=2445409 tsc=reliable "), tcg);
        String kvm = after(QemuCommand.build("qemu", spec, REPO, SHARE, true, OptionalLong.of(2445409)), "-append");
        assertFalse(kvm.contains("tsc"), kvm);
        String unknown = after(QemuCommand.build("qemu", spec, REPO, SHARE, false, OptionalLong.empty()), "-append");
        assertFalse(unknown.contains("tsc"), unknown);
    }

    @Test
    void commasInPathsAreEscaped() {
        VmSpec spec = VmSpec.builder(Flavour.PATCHED).scenario("true").build();
        List<String> cmd = QemuCommand.build("qemu", spec, Path.of("/a,b"), Path.of("/s,t"), false);
        assertTrue(cmd.contains("local,id=repo,path=/a,,b,security_model=none,multidevs=remap,readonly=on"));
        assertTrue(cmd.contains("local,id=share,path=/s,,t,security_model=none,multidevs=remap"));
    }

    @Test
    void repoPathWithSpacesIsRejected() {
        VmSpec spec = VmSpec.builder(Flavour.STOCK).scenario("true").build();
        assertThrows(IllegalArgumentException.class, () -> QemuCommand.kernelCmdline(spec, Path.of("/my repo")));
    }

    @Test
    void specDefaultsComeFromTheFlavour() {
        VmSpec spec = VmSpec.builder(Flavour.DEBUG).scenario("true").build();
        assertEquals(1024, spec.memoryMiB());
        assertEquals(Flavour.DEBUG.defaultTimeout(), spec.timeout());
        assertTrue(spec.loadModule());
        VmSpec changed = spec.toBuilder().memoryMiB(2048).timeout(Duration.ofSeconds(5)).file("a/b.txt", "x").build();
        assertEquals(2048, changed.memoryMiB());
        assertEquals(Duration.ofSeconds(5), changed.timeout());
        assertEquals(List.of("a/b.txt"), List.copyOf(changed.files().keySet()));
        assertEquals(List.of(), List.copyOf(spec.files().keySet()));
    }

    @Test
    void specRejectsBadValues() {
        VmSpec.Builder b = VmSpec.builder(Flavour.STOCK);
        assertThrows(IllegalArgumentException.class, () -> b.file("exitcode", "0"));
        assertThrows(IllegalArgumentException.class, () -> b.file("../escape", "x"));
        assertThrows(IllegalArgumentException.class, () -> b.file("/abs", "x"));
        assertThrows(IllegalArgumentException.class, () -> b.kernelArg("a b"));
        assertThrows(IllegalArgumentException.class, () -> b.cpus(0));
        assertThrows(IllegalArgumentException.class, () -> b.memoryMiB(64));
        assertThrows(IllegalArgumentException.class, () -> b.timeout(Duration.ZERO));
        assertThrows(NullPointerException.class, b::build);
    }
}
