package dev.uoom.policy;

import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.SystemSnapshot;

/**
 * A way to decide which process the OOM killer should take first. Implementations are immutable, pure and
 * thread-safe. Order a whole snapshot with {@link Ranking#of}.
 */
public interface Policy {

    /** The policy's name, such as {@code modern}. */
    String name();

    /**
     * Scores {@code process}, a member of {@code system}, and explains the score term by term.
     * A process the kernel would never kill (pid 1, kernel threads, processes without memory,
     * {@code oom_score_adj} -1000) is {@link Placement#EXCLUDED}.
     */
    Score score(ProcessSnapshot process, SystemSnapshot system);

    /**
     * Whether scores depend on {@link ProcessSnapshot#cmdline()}; if not, a scan need not read
     * {@code /proc/PID/cmdline}, which can block behind a thrashing process.
     */
    default boolean readsCommandLine() {
        return false;
    }
}
