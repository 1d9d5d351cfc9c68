package dev.uoom.nativeio;

import java.util.Locale;

/**
 * The numbers of the system calls uoom makes through {@code syscall(2)}, which glibc has no wrapper for on
 * every version. Since Linux 5.1 every architecture numbers new calls alike, except alpha (+110) and MIPS
 * (+4000, +5000, +6000 by ABI); the LP64 ABIs that JNA and {@link LibC} support are listed here.
 *
 * @param pidfdSendSignal {@code pidfd_send_signal(2)}, Linux 5.1
 * @param pidfdOpen {@code pidfd_open(2)}, Linux 5.3
 * @param processMrelease {@code process_mrelease(2)}, Linux 5.15
 */
public record Syscalls(long pidfdSendSignal, long pidfdOpen, long processMrelease) {
    private static final Syscalls UNIFIED = new Syscalls(424, 434, 448);
    private static final Syscalls MIPS_N64 = new Syscalls(5424, 5434, 5448);

    /**
     * The numbers for {@code arch}, a value of the {@code os.arch} property.
     *
     * @throws UnsupportedOperationException for an architecture whose numbers are not known
     */
    public static Syscalls forArch(String arch) {
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "aarch64", "riscv64", "ppc64le", "ppc64", "s390x", "loongarch64" -> UNIFIED;
            case "mips64", "mips64el" -> MIPS_N64;
            default -> throw new UnsupportedOperationException("no system call numbers for architecture \""
                    + arch + "\"; pidfd_open, pidfd_send_signal and process_mrelease are known on amd64, aarch64, "
                    + "riscv64, ppc64le, ppc64, s390x, loongarch64 and mips64");
        };
    }

    /**
     * The numbers for this JVM's architecture.
     *
     * @throws UnsupportedOperationException if they are not known
     */
    public static Syscalls current() {
        return forArch(System.getProperty("os.arch"));
    }
}
