package dev.uoom.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.uoom.api.ProcessScanner;
import dev.uoom.api.Uoom;
import dev.uoom.api.UoomException;
import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.SystemSnapshot;
import dev.uoom.paths.ProcPaths;

/**
 * The modern policy against this machine's kernel: its score must equal {@code /proc/PID/oom_score} for every
 * process whose memory did not change while it was read, with no tolerance.
 */
class ModernPolicyLiveTest {
    private static final int ATTEMPTS = 20;

    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void startIdleChildren() throws IOException {
        // Two idle processes with known, stable memory; one with a raised oom_score_adj (allowed unprivileged).
        for (int adj : new int[] {0, 700}) {
            Process child = new ProcessBuilder("sleep", "120").start();
            children.add(child);
            Files.writeString(Path.of("/proc", Long.toString(child.pid()), "oom_score_adj"), adj + "\n");
        }
    }

    @AfterEach
    void stopChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void equalsKernelOomScoreForStableProcesses() throws UoomException {
        ProcessScanner scanner = Uoom.open(new ProcPaths(Path.of("/proc"))).scanner();
        Policy modern = Policies.modern();
        List<Integer> required = new ArrayList<>(List.of(1));
        children.forEach(c -> required.add(Math.toIntExact(c.pid())));
        List<Integer> checked = new ArrayList<>();

        for (int attempt = 0; attempt < ATTEMPTS && !checked.containsAll(required); attempt++) {
            SystemSnapshot first = scanner.scan();
            SystemSnapshot second = scanner.scan();
            if (first.totalPages() != second.totalPages()) {
                continue;
            }
            for (ProcessSnapshot p : first.processes()) {
                Optional<ProcessSnapshot> again = second.process(p.pid());
                if (checked.contains(p.pid()) || again.isEmpty() || !stable(p, again.get())) {
                    continue;
                }
                assertEquals(p.oomScore(), modern.score(p, first).value(),
                        "pid " + p.pid() + " (" + p.name() + "): " + modern.score(p, first).terms());
                checked.add(p.pid());
            }
        }

        if (!checked.containsAll(required)) {
            fail("never read stable memory for " + required + "; checked " + checked);
        }
        assertTrue(checked.size() >= required.size());
    }

    @Test
    void rankingPutsTheRaisedChildFirstAndNeverQueuesItself() throws UoomException {
        Ranking ranking = Uoom.open(new ProcPaths(Path.of("/proc"))).rank(Policies.modern());
        List<Integer> order = ranking.queue().stream().map(r -> r.process().pid()).toList();
        int plain = Math.toIntExact(children.get(0).pid());
        int raised = Math.toIntExact(children.get(1).pid());

        assertTrue(order.contains(plain) && order.contains(raised), order.toString());
        assertTrue(order.indexOf(raised) < order.indexOf(plain), order.toString());
        assertTrue(ranking.excluded().stream().anyMatch(r -> r.process().pid() == ProcessHandle.current().pid()));
    }

    /** Same process, same memory counters, same adjustment and the same kernel score in both reads. */
    private static boolean stable(ProcessSnapshot a, ProcessSnapshot b) {
        return a.stat().startTime() == b.stat().startTime() && a.memory().equals(b.memory())
                && a.stat().rss() == b.stat().rss() && a.oomScoreAdj() == b.oomScoreAdj()
                && a.oomScore() == b.oomScore();
    }
}
