package dev.uoom.nativeio;

import com.sun.jna.LastErrorException;

/** Values from {@code sysconf(3)} that proc files are measured in. */
public final class SystemConf {
    private SystemConf() {
    }

    /** {@code USER_HZ}: the clock ticks per second of {@code /proc/PID/stat} times (100 on Linux). */
    public static long clockTicksPerSecond() throws ErrnoException {
        return sysconf("_SC_CLK_TCK", LibC.SC_CLK_TCK);
    }

    /** The page size in bytes (4096 on x86_64). */
    public static long pageSize() throws ErrnoException {
        return sysconf("_SC_PAGESIZE", LibC.SC_PAGESIZE);
    }

    private static long sysconf(String name, int number) throws ErrnoException {
        try {
            long value = LibC.INSTANCE.sysconf(number);
            if (value <= 0) {
                throw new IllegalStateException("sysconf(" + name + ") = " + value);
            }
            return value;
        } catch (LastErrorException e) {
            throw ErrnoException.from("sysconf", name, e);
        }
    }
}
