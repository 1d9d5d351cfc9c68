package dev.uoom.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Java copy of the /dev/oom_protect ABI equals what kmod/uapi/linux/uoom.h yields. */
class OomProtectAbiTest {
    private static final UapiHeader HEADER = UapiHeader.read(UapiHeader.repoRoot());

    @Test
    void ioctlNumbers() {
        assertEquals(HEADER.ioctl("OOMSETPROTECTCMD"), OomProtectAbi.OOMSETPROTECTCMD);
        assertEquals(HEADER.ioctl("OOMGETPROTECTCMD"), OomProtectAbi.OOMGETPROTECTCMD);
        assertEquals(HEADER.ioctl("UOOM_IOC_SET_PROTECT"), OomProtectAbi.IOC_SET_PROTECT);
        assertEquals(HEADER.ioctl("UOOM_IOC_GET_PROTECT"), OomProtectAbi.IOC_GET_PROTECT);
        // The 2006 numbers, as a C compiler gives them: the seed's ABI is kept.
        assertEquals(0xc0044f01L, OomProtectAbi.OOMSETPROTECTCMD);
        assertEquals(0x80046f02L, OomProtectAbi.OOMGETPROTECTCMD);
    }

    @Test
    void protectLayout() {
        UapiHeader.Layout layout = HEADER.struct("uoom_protect");

        assertEquals(layout.size(), OomProtectAbi.PROTECT_SIZE);
        assertEquals(Map.of("pidfd", OomProtectAbi.PROTECT_PIDFD, "flags", OomProtectAbi.PROTECT_FLAGS,
                "protect", OomProtectAbi.PROTECT_PROTECT, "adj", OomProtectAbi.PROTECT_ADJ,
                "saved_adj", OomProtectAbi.PROTECT_SAVED_ADJ, "reserved", OomProtectAbi.PROTECT_RESERVED),
                layout.offsets());
    }

    @Test
    void flags() {
        assertEquals(HEADER.define("UOOM_PROTECT_HOLD"), OomProtectAbi.PROTECT_HOLD);
        assertEquals(HEADER.define("UOOM_PROTECT_SAVED"), OomProtectAbi.PROTECT_SAVED);
    }
}
