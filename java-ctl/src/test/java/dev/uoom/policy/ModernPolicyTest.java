package dev.uoom.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.uoom.Fixtures;
import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.SystemSnapshot;

class ModernPolicyTest {
    private static final SystemSnapshot SNAPSHOT = Fixtures.snapshot();
    private static final Policy MODERN = Policies.modern();

    private static Score score(int pid) {
        return MODERN.score(SNAPSHOT.process(pid).orElseThrow(), SNAPSHOT);
    }

    @Test
    void equalsCapturedOomScoreOfEveryProcess() {
        assertEquals(13, SNAPSHOT.processes().size());
        for (ProcessSnapshot p : SNAPSHOT.processes()) {
            assertEquals(p.oomScore(), MODERN.score(p, SNAPSHOT).value(), p.pid() + " " + p.name());
        }
    }

    @Test
    void explainsEveryTerm() {
        // 24682416 kB RAM, no swap: 6170604 pages.
        Score score = score(15920);

        assertEquals(List.of(
                new Term("rss", "stat rss 80172 pages (RssAnon 314068 kB + RssFile 6716 kB + RssShmem 0 kB)",
                        "+80172 pages", 80172),
                new Term("swap", "VmSwap 0 kB", "+0 pages", 80172),
                new Term("page tables", "VmPTE 664 kB", "+166 pages", 80338),
                new Term("oom_score_adj", "0 x (6170604 total pages / 1000)", "+0 pages", 80338),
                new Term("oom_score", "(1000 + 80338 x 1000 / 6170604) x 2 / 3", "scaled to 0..2000", 675)),
                score.terms());
        assertEquals(675, score.value());
        assertEquals(80338, score.points());
        assertEquals(Placement.NORMAL, score.placement());
    }

    @Test
    void addsOomScoreAdjInUnitsOfTotalPagesPerMille() {
        Score score = score(15918);

        assertEquals(421 + 11 + 500 * 6170, score.points());
        assertEquals(1000, score.value());
        assertEquals("+3085000 pages", score.terms().get(3).effect());
    }

    @Test
    void excludesWhatTheKernelNeverKills() {
        assertEquals("pid 1 (init)", score(1).terms().get(0).value());
        assertEquals("kernel thread", score(2).terms().get(0).value());
        assertEquals("kernel thread", score(10).terms().get(0).value());
        assertEquals("oom_score_adj -1000 (OOM_SCORE_ADJ_MIN)", score(4242).terms().get(0).value());
        assertEquals("no address space (zombie or exiting)", score(4343).terms().get(0).value());
        for (int pid : new int[] {1, 2, 10, 4242, 4343}) {
            Score s = score(pid);
            assertTrue(s.excluded(), "pid " + pid);
            assertEquals(0, s.value());
            assertEquals(Long.MIN_VALUE, s.points());
        }
    }

    @Test
    void countsSwapAndSharedMemory() {
        // 8 GiB RAM + 2 GiB swap = 2621440 pages; adj unit 2621 pages.
        ProcessSnapshot p = Processes.process(100).memory(900000, 40000, 8000, 4000, 20000, 400).build();
        SystemSnapshot system = Processes.system(8 * 1024 * 1024, 2 * 1024 * 1024, 1000, p);

        Score score = MODERN.score(p, system);

        assertEquals(13000 + 5000 + 100, score.points());
        assertEquals((1000 + 18100L * 1000 / 2621440) * 2 / 3, score.value());
    }

    @Test
    void negativeAdjustmentTruncatesTowardZero() {
        // 1000 pages of RAM + swap: the adj unit is 1 page, so -999 * 1 cancels most of 1004 pages.
        ProcessSnapshot p = Processes.process(100).memory(8000, 4000, 0, 0, 0, 16).adj(-999).build();
        SystemSnapshot system = Processes.system(4000, 0, 1000, p);

        Score score = MODERN.score(p, system);

        assertEquals(1004 - 999, score.points());
        assertEquals((1000 + 5 * 1000 / 1000) * 2 / 3, score.value());
    }

    @Test
    void negativeBadnessDividesTowardZero() {
        // badness -499 over 1000 pages: -499 * 1000 / 1000 = -499, then (1000 - 499) * 2 / 3 = 334.
        ProcessSnapshot p = Processes.process(100).memory(4, 4, 0, 0, 0, 0).adj(-500).build();
        SystemSnapshot system = Processes.system(4000, 0, 1000, p);

        assertEquals(1 - 500, MODERN.score(p, system).points());
        assertEquals(334, MODERN.score(p, system).value());
        assertEquals(334, ModernPolicy.normalise(-499, 1000));
        assertEquals(0, ModernPolicy.normalise(-1000, 1000));
        assertEquals(1333, ModernPolicy.normalise(1000, 1000));
        // All of memory resident plus oom_score_adj 1000: the kernel's top score.
        assertEquals(2000, ModernPolicy.normalise(2000, 1000));
    }

    @Test
    void ranksByBadnessThenPid() {
        Ranking ranking = Ranking.of(MODERN, SNAPSHOT);

        assertEquals(List.of(15918, 15920, 15924, 15916, 15922, 15917, 15919, 15923),
                ranking.queue().stream().map(r -> r.process().pid()).toList());
        assertEquals(List.of(1, 2, 10, 4242, 4343), ranking.excluded().stream().map(r -> r.process().pid()).toList());
    }
}
