package dev.uoom.vmtest;

import java.util.Objects;

/**
 * A kernel error report found on a guest console.
 *
 * @param kind what kind of report it is
 * @param line the 1-based console line where it starts
 * @param title that line, without its printk timestamp
 * @param excerpt the report: the title line and the lines that belong to it
 */
public record CrashFinding(Kind kind, int line, String title, String excerpt) {

    /** Kinds of kernel reports, in the order a console line is classified. */
    public enum Kind {
        PANIC,
        KASAN,
        UBSAN,
        KMEMLEAK,
        LOCKDEP,
        SLEEP_IN_ATOMIC,
        GENERAL_PROTECTION_FAULT,
        OOPS,
        BUG,
        WARNING,
        HUNG_TASK,
        RCU_STALL,
        /** A stack dump that is not part of any report above. */
        CALL_TRACE
    }

    public CrashFinding {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(title);
        Objects.requireNonNull(excerpt);
    }

    @Override
    public String toString() {
        return "[" + kind + "] console line " + line + ": " + title;
    }
}
