package dev.uoom.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyscallsTest {
    @Test
    void genericTableNumbersOnTheCommonArchitectures() {
        // include/uapi/asm-generic/unistd.h and arch/x86/entry/syscalls/syscall_64.tbl agree since 5.1.
        for (String arch : new String[] {"amd64", "aarch64", "riscv64", "ppc64le", "s390x"}) {
            assertEquals(new Syscalls(424, 434, 448), Syscalls.forArch(arch), arch);
        }
        assertEquals(new Syscalls(5424, 5434, 5448), Syscalls.forArch("mips64el"));
    }

    @Test
    void unknownArchitectureFailsWithItsName() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> Syscalls.forArch("alpha"));

        assertTrue(e.getMessage().startsWith("no system call numbers for architecture \"alpha\""),
                e.getMessage());
    }

    @Test
    void thisMachineIsKnown() {
        assertEquals(Syscalls.forArch(System.getProperty("os.arch")), Syscalls.current());
    }
}
