package dev.uoom.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.uoom.model.ProcMemory;
import dev.uoom.model.ProcStatus;
import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.SystemSnapshot;

/**
 * The 2.6 kernel's {@code badness()} ({@code mm/oom_kill.c}, Linux 2.6.10 to 2.6.35), in its integer
 * arithmetic:
 * <ol>
 * <li>points = {@code total_vm} (VmSize in pages), plus the {@code total_vm} of each child with its own
 * address space;</li>
 * <li>divided by {@code int_sqrt(cpu_time)}, cpu_time = (utime + stime) in seconds {@code >> 3}, as the seed
 * does. The kernel's {@code jiffies >> (SHIFT_HZ + 3)} is close, not equal: its unit is 2^(SHIFT_HZ+3)
 * jiffies, 8.19 s at HZ 250 or 1000 and 10.24 s at HZ 100;</li>
 * <li>divided by {@code int_sqrt(int_sqrt(run_time))}, run_time = seconds since start {@code >> 10};</li>
 * <li>doubled if niced ({@code nice > 0});</li>
 * <li>divided by 4 for superuser processes: CAP_SYS_ADMIN, uid 0 or euid 0;</li>
 * <li>divided by 4 with CAP_SYS_RAWIO;</li>
 * <li>shifted by {@code oomkilladj}: left if positive, right if negative. Today's {@code oom_score_adj} maps
 * to it as the kernel maps it for {@code /proc/PID/oom_adj}: {@code adj * 17 / 1000}, truncating, and 15
 * for 1000.</li>
 * </ol>
 * Divisors of 0 are skipped. Excluded as 2.6 excluded them: pid 1, kernel threads, processes without an
 * address space; and, since today's kernel never kills them, {@code oom_score_adj} -1000 ({@code oom_adj}
 * -17, the old {@code OOM_DISABLE}).
 */
public final class ClassicPolicy implements Policy {
    /** The policy's name. */
    public static final String NAME = "classic";

    /** {@code OOM_ADJUST_MAX}. */
    static final int OOM_ADJUST_MAX = 15;
    /** {@code -OOM_DISABLE}. */
    static final int OOM_DISABLE_NEGATED = 17;

    private static final int CPU_SHIFT = 3;
    private static final int RUN_SHIFT = 10;
    private static final int CAP_DIVISOR = 4;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Score score(ProcessSnapshot process, SystemSnapshot system) {
        Optional<String> unkillable = ModernPolicy.unkillable(process);
        if (unkillable.isPresent()) {
            return new Score(0, 0, Placement.EXCLUDED,
                    List.of(new Term("excluded", unkillable.get(), "never chosen", 0)));
        }
        long pageKb = system.pageSizeKb();
        long hz = system.clockTicksPerSecond();
        ProcMemory mem = process.memory().orElseThrow();
        List<Term> terms = new ArrayList<>();

        long points = mem.vmSizeKb() / pageKb;
        terms.add(new Term("total_vm", "VmSize " + mem.vmSizeKb() + " kB", "+" + points + " pages", points));

        long childPages = 0;
        List<String> children = new ArrayList<>();
        for (ProcessSnapshot child : system.children(process.pid())) {
            long kb = child.memory().map(ProcMemory::vmSizeKb).orElse(0L);
            if (kb > 0) {
                childPages += kb / pageKb;
                children.add(child.pid() + " " + kb + " kB");
            }
        }
        points += childPages;
        terms.add(new Term("children", children.isEmpty() ? "none with own mm"
                : children.size() + " with own mm: VmSize " + String.join(", ", children),
                "+" + childPages + " pages", points));

        long ticks = process.stat().utime() + process.stat().stime();
        long cpuTime = (ticks / hz) >> CPU_SHIFT;
        long s = IntMath.intSqrt(cpuTime);
        points = divide(points, s);
        terms.add(new Term("cpu_time", "utime+stime " + ticks + " ticks = " + ticks / hz + " s, >> 3 = " + cpuTime
                + ", int_sqrt = " + s, divisor(s), points));

        long uptime = system.uptime().seconds();
        long started = process.stat().startTime() / hz;
        long runTime = uptime >= started ? (uptime - started) >> RUN_SHIFT : 0;
        s = IntMath.intSqrt(IntMath.intSqrt(runTime));
        points = divide(points, s);
        terms.add(new Term("run_time", "uptime " + uptime + " s - start " + started + " s, >> 10 = " + runTime
                + ", int_sqrt(int_sqrt) = " + s, divisor(s), points));

        int nice = process.stat().nice();
        if (nice > 0) {
            points *= 2;
        }
        terms.add(new Term("nice", "nice " + nice, nice > 0 ? "x2" : "no change", points));

        ProcStatus status = process.status();
        List<String> superuser = new ArrayList<>();
        if (status.hasCapability(ProcStatus.CAP_SYS_ADMIN)) {
            superuser.add("CAP_SYS_ADMIN");
        }
        if (status.uid() == 0) {
            superuser.add("uid 0");
        }
        if (status.euid() == 0) {
            superuser.add("euid 0");
        }
        if (!superuser.isEmpty()) {
            points /= CAP_DIVISOR;
        }
        terms.add(new Term("superuser", superuser.isEmpty() ? "uid " + status.uid() + ", euid " + status.euid()
                + ", no CAP_SYS_ADMIN" : String.join(", ", superuser), superuser.isEmpty() ? "no change" : "/4",
                points));

        boolean rawio = status.hasCapability(ProcStatus.CAP_SYS_RAWIO);
        if (rawio) {
            points /= CAP_DIVISOR;
        }
        terms.add(new Term("CAP_SYS_RAWIO", rawio ? "held" : "not held", rawio ? "/4" : "no change", points));

        int oomAdj = oomAdj(process.oomScoreAdj());
        String effect = "no change";
        if (oomAdj > 0) {
            points = shiftLeftSaturated(points, oomAdj);
            effect = "<<" + oomAdj;
        } else if (oomAdj < 0) {
            points >>= -oomAdj;
            effect = ">>" + -oomAdj;
        }
        terms.add(new Term("oomkilladj", "oom_score_adj " + process.oomScoreAdj() + " = oom_adj " + oomAdj, effect,
                points));
        return new Score(points, points, Placement.NORMAL, terms);
    }

    /** The legacy {@code oom_adj} the kernel shows for {@code oomScoreAdj} ({@code oom_adj_read()}). */
    static int oomAdj(int oomScoreAdj) {
        if (oomScoreAdj == ProcessSnapshot.OOM_SCORE_ADJ_MAX) {
            return OOM_ADJUST_MAX;
        }
        return oomScoreAdj * OOM_DISABLE_NEGATED / ProcessSnapshot.OOM_SCORE_ADJ_MAX;
    }

    private static long divide(long points, long divisor) {
        return divisor == 0 ? points : points / divisor;
    }

    private static String divisor(long s) {
        return s == 0 ? "no change" : "/" + s;
    }

    private static long shiftLeftSaturated(long points, int shift) {
        return points > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : points << shift;
    }
}
