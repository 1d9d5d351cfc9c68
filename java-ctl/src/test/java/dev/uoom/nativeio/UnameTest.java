package dev.uoom.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Calls uname(2) through JNA and compares with what the JVM reports. */
class UnameTest {

    @Test
    void matchesJvmOsProperties() throws ErrnoException {
        Uname uname = Uname.current();

        assertEquals("Linux", uname.sysname());
        assertEquals(System.getProperty("os.version"), uname.release());
    }
}
