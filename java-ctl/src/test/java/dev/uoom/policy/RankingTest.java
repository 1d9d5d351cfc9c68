package dev.uoom.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.uoom.Fixtures;
import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.QueueEntry;
import dev.uoom.model.SystemSnapshot;

class RankingTest {

    @Test
    void breaksTiesByLowerPid() {
        ProcessSnapshot a = Processes.process(30).build();
        ProcessSnapshot b = Processes.process(20).build();
        ProcessSnapshot c = Processes.process(10).memory(8192, 2048, 0, 0, 0, 40).build();
        SystemSnapshot system = Processes.system(1 << 20, 0, 100, a, b, c);

        assertEquals(List.of(10, 20, 30),
                Ranking.of(Policies.modern(), system).queue().stream().map(r -> r.process().pid()).toList());
    }

    @Test
    void neverQueuesTheGivenPids() {
        Ranking ranking = Ranking.of(Policies.modern(), Fixtures.snapshot(), Set.of(15918));

        assertEquals(15920, ranking.queue().get(0).process().pid());
        Ranked self = ranking.excluded().stream().filter(r -> r.process().pid() == 15918).findFirst().orElseThrow();
        assertEquals(Placement.EXCLUDED, self.score().placement());
        assertEquals(1000, self.score().value());
        assertEquals("pid 15918 is uoom itself", self.score().terms().get(self.score().terms().size() - 1).value());
    }

    @Test
    void topGivesQueueEntriesWithStartTimes() {
        Ranking ranking = Ranking.of(Policies.modern(), Fixtures.snapshot());

        assertEquals(List.of(new QueueEntry(15918, 747006), new QueueEntry(15920, 747007)), ranking.top(2));
        assertEquals(8, ranking.top(100).size());
        assertEquals(List.of(), ranking.top(0));
        assertThrows(IllegalArgumentException.class, () -> ranking.top(-1));
    }

    @Test
    void excludedComeInPidOrder() {
        Ranking ranking = Ranking.of(Policies.classic(), Fixtures.snapshot());

        assertEquals("classic", ranking.policy());
        assertTrue(ranking.excluded().stream().allMatch(r -> r.score().excluded()));
        assertEquals(List.of(1, 2, 10, 4242, 4343),
                ranking.excluded().stream().map(r -> r.process().pid()).toList());
    }
}
