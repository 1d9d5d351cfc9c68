package dev.uoom.parse;

import dev.uoom.model.ProcStat;

/**
 * Parses {@code /proc/PID/stat}: {@code pid (comm) state ppid ...}, one line of space-separated fields.
 * <p>
 * The command name may contain spaces, parentheses and even newlines, so it runs from the first {@code (}
 * to the <em>last</em> {@code )}; the fields after it are split on single spaces.
 */
public final class ProcStatParser {
    static final String FILE = "stat";

    /** Fields after the command name, counted from {@code state} (field 3) = index 0. */
    private static final int STATE = 0;
    private static final int PPID = 1;
    private static final int FLAGS = 6;
    private static final int UTIME = 11;
    private static final int STIME = 12;
    private static final int NICE = 16;
    private static final int STARTTIME = 19;
    private static final int VSIZE = 20;
    private static final int RSS = 21;

    private ProcStatParser() {
    }

    /**
     * @throws ProcFormatException if the text does not have at least the fields up to {@code rss} (24)
     */
    public static ProcStat parse(String text) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open <= 0 || close < open) {
            throw new ProcFormatException(FILE, 0, "expected \"pid (comm) ...\", got \"" + abbreviate(text) + "\"");
        }
        int pid = (int) parseLong(text.substring(0, open).strip(), "pid");
        String comm = text.substring(open + 1, close);
        String rest = text.substring(close + 1).strip();
        String[] f = rest.split(" ");
        if (f.length <= RSS) {
            throw new ProcFormatException(FILE, 0, "expected at least " + (RSS + 3) + " fields, got "
                    + (f.length + 2));
        }
        if (f[STATE].length() != 1) {
            throw new ProcFormatException(FILE, 0, "state is not one letter: \"" + f[STATE] + "\"");
        }
        return new ProcStat(pid, comm, f[STATE].charAt(0), (int) parseLong(f[PPID], "ppid"),
                parseLong(f[FLAGS], "flags"), parseLong(f[UTIME], "utime"), parseLong(f[STIME], "stime"),
                (int) parseLong(f[NICE], "nice"), parseLong(f[STARTTIME], "starttime"),
                parseLong(f[VSIZE], "vsize"), parseLong(f[RSS], "rss"));
    }

    private static long parseLong(String value, String field) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ProcFormatException(FILE, 0, field + " is not an integer: \"" + value + "\"");
        }
    }

    private static String abbreviate(String text) {
        String line = text.strip();
        return line.length() <= 40 ? line : line.substring(0, 40) + "...";
    }
}
