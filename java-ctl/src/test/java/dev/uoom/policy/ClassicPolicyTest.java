package dev.uoom.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.uoom.Fixtures;
import dev.uoom.model.ProcStatus;
import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.SystemSnapshot;

class ClassicPolicyTest {
    private static final SystemSnapshot SNAPSHOT = Fixtures.snapshot();
    private static final Policy CLASSIC = Policies.classic();

    private static Score score(int pid) {
        return CLASSIC.score(SNAPSHOT.process(pid).orElseThrow(), SNAPSHOT);
    }

    private static Score score(ProcessSnapshot p, SystemSnapshot system) {
        return CLASSIC.score(p, system);
    }

    @Test
    void scoresRootProcessWithRaisedAdjustment() {
        // 2920 kB = 730 pages; young and idle; root: /4 = 182; CAP_SYS_RAWIO: /4 = 45; adj 500 = oom_adj 8.
        Score score = score(15918);

        assertEquals(List.of(
                new Term("total_vm", "VmSize 2920 kB", "+730 pages", 730),
                new Term("children", "none with own mm", "+0 pages", 730),
                new Term("cpu_time", "utime+stime 0 ticks = 0 s, >> 3 = 0, int_sqrt = 0", "no change", 730),
                new Term("run_time", "uptime 7481 s - start 7470 s, >> 10 = 0, int_sqrt(int_sqrt) = 0", "no change",
                        730),
                new Term("nice", "nice 0", "no change", 730),
                new Term("superuser", "CAP_SYS_ADMIN, uid 0, euid 0", "/4", 182),
                new Term("CAP_SYS_RAWIO", "held", "/4", 45),
                new Term("oomkilladj", "oom_score_adj 500 = oom_adj 8", "<<8", 11520)), score.terms());
        assertEquals(11520, score.value());
        assertEquals(11520, score.points());
    }

    @Test
    void addsChildrenWithOwnMemory() {
        // bash 4360 kB + sleep 2920 + sleep 2920 + python3 82104 kB = 1090 + 21986 pages; the zombie child has none.
        Score score = score(15916);

        assertEquals(new Term("children", "3 with own mm: VmSize 15922 2920 kB, 15923 2920 kB, 15924 82104 kB",
                "+21986 pages", 23076), score.terms().get(1));
        assertEquals(23076 / 4 / 4, score.value());
    }

    @Test
    void unprivilegedUserIsNotDivided() {
        Score score = score(15922);

        assertEquals(730, score.value());
        assertEquals("uid 1000, euid 1000, no CAP_SYS_ADMIN", score.terms().get(5).value());
        assertEquals("not held", score.terms().get(6).value());
    }

    @Test
    void ranksLikeTwoSix() {
        Ranking ranking = Ranking.of(CLASSIC, SNAPSHOT);

        // 11520, 5058, 1442, 1282 (82104 kB / 16), 730 (uid 1000), 91 (nice), 45, 45 (tie: lower pid first).
        assertEquals(List.of(15918, 15920, 15916, 15924, 15922, 15917, 15919, 15923),
                ranking.queue().stream().map(r -> r.process().pid()).toList());
        assertEquals(List.of(1, 2, 10, 4242, 4343), ranking.excluded().stream().map(r -> r.process().pid()).toList());
    }

    @Test
    void appliesEveryTermInOrder() {
        // 409600 kB = 102400 pages; 64 s of CPU >> 3 = 8, int_sqrt 2: 51200; run 1000000 s >> 10 = 976,
        // int_sqrt(int_sqrt) = 5: 10240; nice: 20480; unprivileged; adj -500 = oom_adj -8: >> 8 = 80.
        ProcessSnapshot p = Processes.process(100).memory(409600, 1000, 0, 0, 0, 4).cpu(4000, 2400).nice(5)
                .started(0).adj(-500).build();
        SystemSnapshot system = Processes.system(1 << 20, 0, 1_000_000, p);

        Score score = score(p, system);

        assertEquals(List.of(102400L, 102400L, 51200L, 10240L, 20480L, 20480L, 20480L, 80L),
                score.terms().stream().map(Term::result).toList());
        assertEquals("/2", score.terms().get(2).effect());
        assertEquals("/5", score.terms().get(3).effect());
        assertEquals("x2", score.terms().get(4).effect());
        assertEquals(">>8", score.terms().get(7).effect());
        assertEquals(80, score.value());
    }

    @Test
    void startAfterUptimeCountsAsNoRunTime() {
        ProcessSnapshot p = Processes.process(100).started(500_000).build();
        SystemSnapshot system = Processes.system(1 << 20, 0, 10, p);

        assertEquals(1024, score(p, system).value());
    }

    @Test
    void dividesForSysAdminAndRawioSeparately() {
        long admin = 1L << ProcStatus.CAP_SYS_ADMIN;
        long rawio = 1L << ProcStatus.CAP_SYS_RAWIO;
        SystemSnapshot none = Processes.system(1 << 20, 0, 10);

        assertEquals(1024, score(Processes.process(9).build(), none).value());
        assertEquals(256, score(Processes.process(9).caps(admin).build(), none).value());
        assertEquals(256, score(Processes.process(9).caps(rawio).build(), none).value());
        assertEquals(64, score(Processes.process(9).caps(admin | rawio).build(), none).value());
        assertEquals(256, score(Processes.process(9).uid(1000, 0).build(), none).value());
        assertEquals(256, score(Processes.process(9).uid(0, 1000).build(), none).value());
        // uid_t is unsigned: 2^32 - 2 is not root, nor is 2^31.
        assertEquals(1024, score(Processes.process(9).uid(4294967294L, 2147483648L).build(), none).value());
    }

    @Test
    void maximumAdjustmentShiftsByFifteen() {
        ProcessSnapshot p = Processes.process(100).adj(1000).build();

        assertEquals(1024L << 15, score(p, Processes.system(1 << 20, 0, 10, p)).value());
    }

    @ParameterizedTest
    @CsvSource({"0,0", "58,0", "59,1", "500,8", "941,15", "999,16", "1000,15", "-58,0", "-59,-1", "-500,-8",
        "-1000,-17"})
    void mapsOomScoreAdjToOomAdjAsTheKernelShowsIt(int oomScoreAdj, int oomAdj) {
        assertEquals(oomAdj, ClassicPolicy.oomAdj(oomScoreAdj));
    }

    @Test
    void excludesWhatTwoSixNeverKilled() {
        for (int pid : new int[] {1, 2, 10, 4242, 4343}) {
            Score s = score(pid);
            assertTrue(s.excluded(), "pid " + pid);
            assertEquals(0, s.value());
        }
    }
}
