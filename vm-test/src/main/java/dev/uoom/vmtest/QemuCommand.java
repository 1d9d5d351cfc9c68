package dev.uoom.vmtest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Builds the QEMU command line and the kernel command line of a guest run. See
 * {@code vm-test/README.md} for the protocol they implement.
 */
public final class QemuCommand {

    /** The QEMU binary, looked up on PATH. */
    public static final String QEMU = "qemu-system-x86_64";
    /** 9p tag of the host root; the kernel mounts it as {@code /} because of {@code root=/dev/root}. */
    public static final String ROOT_TAG = "/dev/root";
    /** 9p tag of the repository, mounted read-only at its host path. */
    public static final String REPO_TAG = "uoomrepo";
    /** 9p tag of the per-run share, mounted read-write at {@code /mnt}. */
    public static final String SHARE_TAG = "uoomshare";
    /** Environment variable that turns on KVM when set to 1. */
    public static final String KVM_ENV = "UOOM_KVM";

    private static final String NINEP = "trans=virtio,version=9p2000.L,msize=262144";

    private QemuCommand() {}

    /** Whether the environment asks for KVM ({@code UOOM_KVM=1}). */
    public static boolean kvmRequested() {
        return "1".equals(System.getenv(KVM_ENV));
    }

    /**
     * The QEMU argv for {@code spec}.
     *
     * @param qemu the QEMU binary
     * @param repo the repo root, shared read-only
     * @param share the run's share directory, shared read-write
     * @param kvm whether to use KVM instead of TCG
     */
    public static List<String> build(String qemu, VmSpec spec, Path repo, Path share, boolean kvm) {
        return build(qemu, spec, repo, share, kvm, OptionalLong.empty());
    }

    /**
     * The QEMU argv for {@code spec}, with the guest told the TSC rate under TCG.
     *
     * @param tscKhz the host's TSC rate, which a TCG guest's TSC shares; empty to leave the guest
     *     on jiffies
     */
    public static List<String> build(String qemu, VmSpec spec, Path repo, Path share, boolean kvm,
            OptionalLong tscKhz) {
        List<String> cmd = new ArrayList<>(List.of(qemu));
        if (kvm) {
            cmd.addAll(List.of("-enable-kvm", "-cpu", "host"));
        } else {
            // "max" has RDRAND, which seeds the guest's CRNG at boot; with the default CPU model,
            // getrandom() blocks for over a minute.
            cmd.addAll(List.of("-cpu", "max"));
        }
        cmd.addAll(List.of(
                "-m", Integer.toString(spec.memoryMiB()),
                // Without ACPI the kernel finds CPUs in the MP table, which lists one per socket.
                "-smp", spec.cpus() + ",sockets=" + spec.cpus(),
                // No default NIC, VGA, floppy, CD-ROM or parallel port: less to probe at boot.
                "-nodefaults",
                "-display", "none",
                "-monitor", "none",
                "-serial", "stdio",
                "-no-reboot",
                "-kernel", spec.flavour().kernel(repo).toString(),
                "-append", kernelCmdline(spec, repo, kvm ? OptionalLong.empty() : tscKhz)));
        spec.flavour().initrd(repo).ifPresent(initrd -> cmd.addAll(List.of("-initrd", initrd.toString())));
        cmd.addAll(share("rootfs", Path.of("/"), ROOT_TAG, true));
        cmd.addAll(share("repo", repo, REPO_TAG, true));
        cmd.addAll(share("share", share, SHARE_TAG, false));
        return List.copyOf(cmd);
    }

    /** The kernel command line for {@code spec}. */
    public static String kernelCmdline(VmSpec spec, Path repo) {
        return kernelCmdline(spec, repo, OptionalLong.empty());
    }

    /**
     * The kernel command line for {@code spec}; with {@code tscKhz}, the guest skips TSC
     * calibration, which fails under TCG, and keeps time with the TSC.
     */
    public static String kernelCmdline(VmSpec spec, Path repo, OptionalLong tscKhz) {
        String r = repo.toString();
        if (r.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the repo path cannot hold spaces on a kernel command line: " + r);
        }
        List<String> args = new ArrayList<>(List.of(
                "console=ttyS0",
                "root=" + ROOT_TAG,
                "rootfstype=9p",
                "rootflags=" + NINEP + ",cache=loose",
                "ro",
                "init=" + repo.resolve("vm-test/guest/init"),
                "panic=-1",
                "oops=panic"));
        tscKhz.ifPresent(khz -> args.addAll(List.of("tsc_early_khz=" + khz, "tsc=reliable")));
        args.addAll(spec.flavour().kernelArgs());
        args.addAll(spec.kernelArgs());
        // Parameters the kernel does not know reach init as environment variables.
        args.add("UOOM_REPO=" + r);
        args.add("UOOM_FLAVOUR=" + spec.flavour().id());
        args.add("UOOM_MODULE=" + (spec.loadModule() ? spec.flavour().module(repo).toString() : "none"));
        return String.join(" ", args);
    }

    private static List<String> share(String id, Path path, String tag, boolean readonly) {
        // QEMU option values escape a comma by doubling it.
        String fsdev = "local,id=" + id + ",path=" + path.toString().replace(",", ",,")
                + ",security_model=none,multidevs=remap" + (readonly ? ",readonly=on" : "");
        return List.of("-fsdev", fsdev, "-device", "virtio-9p-pci,fsdev=" + id + ",mount_tag=" + tag);
    }
}
