package dev.uoom.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.uoom.Fixtures;
import dev.uoom.model.ModuleStatus;
import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.SystemSnapshot;

class AdvisoryBoostTest {
    private static final SystemSnapshot SNAPSHOT = Fixtures.snapshot();

    private static ModuleStatus status(String mode, String... keyValues) {
        Map<String, String> fields = new LinkedHashMap<>(Map.of("version", "0.2.0", "mode", mode));
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.put(keyValues[i], keyValues[i + 1]);
        }
        return new ModuleStatus(fields);
    }

    /** The snapshot with pid 15920 boosted to 1000, as the advisory module leaves its head. */
    private static SystemSnapshot boosted() {
        List<ProcessSnapshot> processes = SNAPSHOT.processes().stream()
                .map(p -> p.pid() == 15920 ? p.withOomScoreAdj(1000) : p).toList();
        return SNAPSHOT.withProcesses(processes);
    }

    private static int adjOf(SystemSnapshot s, int pid) {
        return s.process(pid).orElseThrow().oomScoreAdj();
    }

    @Test
    void leavesHookedModeAlone() {
        SystemSnapshot snapshot = boosted();

        assertSame(snapshot, new AdvisoryBoost().undo(snapshot, status("hooked")));
    }

    @Test
    void usesTheSavedValueTheModuleReports() {
        SystemSnapshot undone = new AdvisoryBoost().undo(boosted(),
                status("advisory", "advisory_head", "15920", "advisory_saved_adj", "-100"));

        assertEquals(-100, adjOf(undone, 15920));
        assertEquals(500, adjOf(undone, 15918));
    }

    @Test
    void remembersTheValueSeenBeforeTheBoost() {
        AdvisoryBoost boost = new AdvisoryBoost();
        boost.undo(SNAPSHOT, status("advisory", "advisory_head", "none"));

        SystemSnapshot undone = boost.undo(boosted(), status("advisory", "advisory_head", "15920"));

        assertEquals(0, adjOf(undone, 15920));
        assertEquals(0, adjOf(boost.undo(boosted(), status("advisory", "advisory_head", "15920")), 15920));
    }

    @Test
    void keepsTheBoostWhenTheOwnValueIsUnknown() {
        SystemSnapshot snapshot = boosted();

        assertSame(snapshot, new AdvisoryBoost().undo(snapshot, status("advisory", "advisory_head", "15920")));
    }

    @Test
    void doesNotTouchAProcessThatIsNotTheHead() {
        AdvisoryBoost boost = new AdvisoryBoost();
        boost.undo(SNAPSHOT, status("advisory", "advisory_head", "none"));

        assertEquals(1000, adjOf(boost.undo(boosted(), status("advisory", "advisory_head", "15918")), 15920));
    }

    @Test
    void worksWithoutStatus() {
        assertSame(SNAPSHOT, new AdvisoryBoost().undo(SNAPSHOT, null));
    }
}
