package dev.uoom.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.uoom.model.ProcMemory;
import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.SystemSnapshot;

/**
 * Today's OOM badness: {@code oom_badness()} of {@code mm/oom_kill.c} and {@code proc_oom_score()} of
 * {@code fs/proc/base.c} in Linux 6.12, in the kernel's integer arithmetic.
 * <pre>
 * points  = rss pages + swap pages + page-table pages
 * points += oom_score_adj * (totalpages / 1000)           totalpages = RAM + swap, in pages
 * score   = (1000 + points * 1000 / totalpages) * 2 / 3   the value of /proc/PID/oom_score
 * </pre>
 * The rss is {@code get_mm_rss()}, the kernel's fast per-CPU-counter read, which {@code /proc/PID/stat}
 * field 24 shows; {@code RssAnon + RssFile + RssShmem} of {@code /proc/PID/status} is the exact sum
 * ({@code get_mm_counter_sum()} since 6.16 and in 6.12.y stable) and can be larger by up to one counter
 * batch per CPU, which would make the score differ. Swap comes from {@code VmSwap}, also an exact sum: with
 * swap in use the kernel's fast read can lag it the same way, without swap both are 0. Page tables come
 * from {@code VmPTE}, which is exact in both.
 * Excluded ({@code LONG_MIN}, score 0) as the kernel excludes them: pid 1, kernel threads, processes without
 * an address space, and {@code oom_score_adj} -1000. The kernel also skips tasks it has already reaped and
 * tasks in the middle of {@code vfork()}, which {@code /proc} does not show.
 */
public final class ModernPolicy implements Policy {
    /** The policy's name. */
    public static final String NAME = "modern";

    private static final long INIT_PID = 1;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Score score(ProcessSnapshot process, SystemSnapshot system) {
        Optional<String> unkillable = unkillable(process);
        if (unkillable.isPresent()) {
            return new Score(0, Long.MIN_VALUE, Placement.EXCLUDED,
                    List.of(new Term("excluded", unkillable.get(), "LONG_MIN: never chosen", 0)));
        }
        ProcMemory mem = process.memory().orElseThrow();
        long pageKb = system.pageSizeKb();
        long totalPages = system.totalPages();
        List<Term> terms = new ArrayList<>();

        long points = process.stat().rss();
        terms.add(new Term("rss", "stat rss " + points + " pages (RssAnon " + mem.rssAnonKb() + " kB + RssFile "
                + mem.rssFileKb() + " kB + RssShmem " + mem.rssShmemKb() + " kB)", signed(points) + " pages",
                points));
        long swap = mem.vmSwapKb() / pageKb;
        points += swap;
        terms.add(new Term("swap", "VmSwap " + mem.vmSwapKb() + " kB", signed(swap) + " pages", points));
        long pageTables = mem.vmPteKb() / pageKb;
        points += pageTables;
        terms.add(new Term("page tables", "VmPTE " + mem.vmPteKb() + " kB", signed(pageTables) + " pages",
                points));

        // adj *= totalpages / 1000; points += adj;
        long adj = (long) process.oomScoreAdj() * (totalPages / 1000);
        points += adj;
        terms.add(new Term("oom_score_adj", process.oomScoreAdj() + " x (" + totalPages
                + " total pages / 1000)", signed(adj) + " pages", points));

        long score = normalise(points, totalPages);
        terms.add(new Term("oom_score", "(1000 + " + points + " x 1000 / " + totalPages + ") x 2 / 3",
                "scaled to 0..2000", score));
        return new Score(score, points, Placement.NORMAL, terms);
    }

    /** {@code proc_oom_score()}: badness scaled into 0..2000 ({@code (long)totalpages}, truncating). */
    static long normalise(long badness, long totalPages) {
        return (1000 + badness * 1000 / totalPages) * 2 / 3;
    }

    /** Why the kernel would never pick {@code process}, if it would not. */
    static Optional<String> unkillable(ProcessSnapshot process) {
        if (process.pid() == INIT_PID) {
            return Optional.of("pid 1 (init)");
        }
        if (process.isKernelThread()) {
            return Optional.of("kernel thread");
        }
        if (process.memory().isEmpty()) {
            return Optional.of("no address space (zombie or exiting)");
        }
        if (process.oomScoreAdj() == ProcessSnapshot.OOM_SCORE_ADJ_MIN) {
            return Optional.of("oom_score_adj -1000 (OOM_SCORE_ADJ_MIN)");
        }
        return Optional.empty();
    }

    static String signed(long n) {
        return n < 0 ? Long.toString(n) : "+" + n;
    }
}
