package dev.uoom.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SystemConfTest {

    @Test
    void clockTicksAreUserHz() throws ErrnoException {
        assertEquals(100, SystemConf.clockTicksPerSecond());
    }

    @Test
    void pageSizeIsAMultipleOfOneKib() throws ErrnoException {
        long pageSize = SystemConf.pageSize();

        assertTrue(pageSize >= 4096 && pageSize % 1024 == 0, Long.toString(pageSize));
    }
}
