package dev.uoom.nativeio;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/**
 * The running kernel's identification, from {@code uname(2)}.
 *
 * @param sysname the kernel name, {@code Linux}
 * @param nodename the host name
 * @param release the kernel release, such as {@code 6.12.117-uoom-patched}
 * @param version the kernel build version
 * @param machine the hardware name, such as {@code x86_64}
 */
public record Uname(String sysname, String nodename, String release, String version, String machine) {

    /** Calls {@code uname(2)}. */
    public static Uname current() throws ErrnoException {
        LibC.UtsName buf = new LibC.UtsName();
        try {
            LibC.INSTANCE.uname(buf);
        } catch (LastErrorException e) {
            throw ErrnoException.from("uname", null, e);
        }
        return new Uname(Native.toString(buf.sysname), Native.toString(buf.nodename),
                Native.toString(buf.release), Native.toString(buf.version), Native.toString(buf.machine));
    }
}
