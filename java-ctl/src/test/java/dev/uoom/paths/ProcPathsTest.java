package dev.uoom.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcPathsTest {
    private String savedRoot;

    @BeforeEach
    void saveProperty() {
        savedRoot = System.clearProperty(ProcPaths.ROOT_PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (savedRoot == null) {
            System.clearProperty(ProcPaths.ROOT_PROPERTY);
        } else {
            System.setProperty(ProcPaths.ROOT_PROPERTY, savedRoot);
        }
    }

    @Test
    void defaultsToProc() {
        assertEquals(Path.of("/proc/oom_status"), ProcPaths.fromSystemProperties().oomStatus());
    }

    @Test
    void systemPropertyOverridesRoot() {
        System.setProperty(ProcPaths.ROOT_PROPERTY, "/tmp/fixture");

        assertEquals(Path.of("/tmp/fixture/oom_status"), ProcPaths.fromSystemProperties().oomStatus());
    }

    @Test
    void blankSystemPropertyMeansDefault() {
        System.setProperty(ProcPaths.ROOT_PROPERTY, " ");

        assertEquals(Path.of("/proc"), ProcPaths.fromSystemProperties().root());
    }

    @Test
    void constructorSetsRoot() {
        ProcPaths paths = new ProcPaths(Path.of("fixtures/proc"));

        assertEquals(Path.of("fixtures/proc/oom_status"), paths.oomStatus());
        assertEquals(Path.of("fixtures/proc/meminfo"), paths.resolve("meminfo"));
    }

    @Test
    void resolvesQueueAndProcessFiles() {
        ProcPaths paths = new ProcPaths(Path.of("/proc"));

        assertEquals(Path.of("/proc/oom"), paths.oomQueue());
        assertEquals(Path.of("/proc/meminfo"), paths.meminfo());
        assertEquals(Path.of("/proc/uptime"), paths.uptime());
        assertEquals(Path.of("/proc/pressure/memory"), paths.pressureMemory());
        assertEquals(Path.of("/proc/42/stat"), paths.pidFile(42, ProcPaths.STAT));
        assertEquals(Path.of("/proc/self/oom_score_adj"), paths.selfOomScoreAdj());
        assertThrows(IllegalArgumentException.class, () -> paths.pid(0));
    }
}
