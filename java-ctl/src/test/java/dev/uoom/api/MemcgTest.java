package dev.uoom.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.uoom.Fixtures;
import dev.uoom.model.CgroupEvents;
import dev.uoom.model.MemoryEvents;
import dev.uoom.model.OomControl;
import dev.uoom.nativeio.Errno;
import dev.uoom.paths.CgroupPaths;

class MemcgTest {

    @Test
    void readsAV2Group() throws Exception {
        Memcg box = Memcg.open(new CgroupPaths(Fixtures.cgroupDir("v2-box")));

        assertEquals(CgroupPaths.Version.V2, box.version());
        assertEquals(new MemoryEvents(0, 1342, 57, 3, 2, 0), box.events());
        assertEquals(new CgroupEvents(true, true), box.cgroupEvents());
        assertEquals(List.of(412, 415), box.procs());
        assertEquals(OptionalLong.of(64L << 20), box.limit(CgroupPaths.MEMORY_MAX));
        assertEquals("memory.max", box.hardLimitFile());
    }

    @Test
    void readsAV1Group() throws Exception {
        Memcg box = Memcg.open(new CgroupPaths(Fixtures.cgroupDir("v1-box")));

        assertEquals(new OomControl(false, false, 0), box.oomControl());
        assertEquals("memory.limit_in_bytes", box.hardLimitFile());
        UoomException e = assertThrows(UoomException.class, box::events);
        assertTrue(e.getMessage().endsWith("memory.events is a cgroup v2 file; this group is v1"), e.getMessage());
    }

    @Test
    void writesALimit(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n");
        Files.writeString(dir.resolve("memory.max"), "max\n");
        Memcg box = Memcg.open(new CgroupPaths(dir));

        box.setLimit(CgroupPaths.MEMORY_MAX, OptionalLong.of(1 << 20));

        assertEquals("1048576", Files.readString(dir.resolve("memory.max")));
    }

    @Test
    void aMissingFileKeepsItsErrno(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n");
        Memcg box = Memcg.open(new CgroupPaths(dir));

        UoomException e = assertThrows(UoomException.class, () -> box.limit(CgroupPaths.MEMORY_HIGH));

        assertEquals(Errno.ENOENT.code(), e.errno());
        assertTrue(e.getMessage().startsWith("cannot read " + dir.resolve("memory.high")), e.getMessage());
    }

    @Test
    void notAMemcg(@TempDir Path dir) {
        assertThrows(UoomException.class, () -> Memcg.open(new CgroupPaths(dir)));
    }

    @Test
    void watchWakesPromptly(@TempDir Path dir) throws Exception {
        Path box = dir.resolve("box");
        Files.createDirectories(box);
        Files.copy(Fixtures.cgroupDir("v2-box").resolve("memory.events"), box.resolve("memory.events"));
        try (MemcgWatch watch = MemcgWatch.open(Memcg.open(new CgroupPaths(box)), null)) {
            assertEquals("v2: poll memory.events", watch.description());
            Thread waker = new Thread(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                watch.wake();
            });
            long t = System.nanoTime();
            waker.start();
            // A regular file never raises POLLPRI: only the wake-up ends the wait.
            assertEquals(Optional.empty(), watch.next(Duration.ofSeconds(20)));
            waker.join();
            assertTrue(System.nanoTime() - t < Duration.ofSeconds(5).toNanos());
        }
    }

    @Test
    void watchReportsARefusedPsiTriggerAndGoesOn(@TempDir Path dir) throws Exception {
        Files.copy(Fixtures.cgroupDir("v2-box").resolve("memory.events"), dir.resolve("memory.events"));
        try (MemcgWatch watch = MemcgWatch.open(Memcg.open(new CgroupPaths(dir)), "some 150000 1000000")) {
            assertTrue(watch.description().contains("refused: ENOENT"), watch.description());
            assertEquals(Optional.empty(), watch.next(Duration.ofMillis(10)));
        }
    }
}
