package dev.uoom.model;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One row of {@code /proc/oom_kill_protection/status}: a process whose {@code oom_score_adj} is -1000.
 *
 * @param pid in the reader's pid namespace
 * @param name its comm, up to 15 characters
 * @param savedAdj what unprotecting it restores, if uoom knows
 * @param source how it came to be protected
 */
public record ProtectedProcess(int pid, String name, OptionalInt savedAdj, Source source) {

    /** The SOURCE column. */
    public enum Source {
        /** Protected through uoom. */
        UOOM,
        /** Protected through uoom while an open {@code /dev/oom_protect} holds it. */
        HOLD,
        /** Forked after an ancestor was protected through uoom. */
        INHERITED,
        /** Set to -1000 by something else. */
        OTHER;

        /** The word in the file. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ProtectedProcess {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(savedAdj, "savedAdj");
        Objects.requireNonNull(source, "source");
    }
}
