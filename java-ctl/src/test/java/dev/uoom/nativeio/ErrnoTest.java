package dev.uoom.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ErrnoTest {

    @Test
    void namesLinuxValues() {
        assertEquals("EPERM", Errno.nameOf(1));
        assertEquals("ENOENT", Errno.nameOf(2));
        assertEquals("EACCES", Errno.nameOf(13));
        assertEquals("ENOTTY", Errno.nameOf(25));
        assertEquals("ENOSPC", Errno.nameOf(28));
        assertEquals("EBADF", Errno.nameOf(9));
        assertEquals("ENOMEM", Errno.nameOf(12));
        assertEquals("EOPNOTSUPP", Errno.nameOf(95));
    }

    @Test
    void fallsBackToNumber() {
        assertEquals("errno 9999", Errno.nameOf(9999));
        assertEquals("errno 9999", Errno.describe(9999));
        assertEquals(Optional.empty(), Errno.of(9999));
    }

    @Test
    void describesWithMessage() {
        assertEquals("EINVAL (Invalid argument)", Errno.describe(22));
        assertTrue(Errno.EAGAIN.is(11));
    }
}
