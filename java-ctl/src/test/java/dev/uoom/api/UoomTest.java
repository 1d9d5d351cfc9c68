package dev.uoom.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.uoom.Fixtures;
import dev.uoom.model.Mode;
import dev.uoom.model.ModuleStatus;
import dev.uoom.paths.ProcPaths;
import dev.uoom.policy.Policies;
import dev.uoom.policy.Ranking;

class UoomTest {
    private static final int EISDIR = 21;

    @TempDir
    Path emptyRoot;

    private static Uoom fixture(String name) {
        return Uoom.open(new ProcPaths(Fixtures.procRoot(name)));
    }

    @Test
    void readsStatus() throws UoomException {
        ModuleStatus status = fixture("hooked").status();

        assertEquals("0.1.0", status.version());
        assertEquals(Mode.HOOKED, status.mode());
    }

    @Test
    void reportsModuleNotLoaded() {
        ModuleNotLoadedException e = assertThrows(ModuleNotLoadedException.class,
                () -> Uoom.open(new ProcPaths(emptyRoot)).status());

        assertEquals(emptyRoot.resolve("oom_status"), e.statusFile());
        assertEquals(2, e.errno());
        assertEquals("ENOENT", e.errnoName());
        assertEquals("module not loaded (" + emptyRoot.resolve("oom_status")
                + " does not exist); load uoom.ko first", e.getMessage());
    }

    @Test
    void reportsOtherErrnoAsUoomException() throws IOException {
        Files.createDirectory(emptyRoot.resolve("oom_status"));

        UoomException e = assertThrows(UoomException.class, () -> Uoom.open(new ProcPaths(emptyRoot)).status());

        assertFalse(e instanceof ModuleNotLoadedException);
        assertEquals(EISDIR, e.errno());
    }

    @Test
    void reportsMalformedStatus() {
        UoomException e = assertThrows(UoomException.class, () -> fixture("malformed").status());

        assertFalse(e instanceof ModuleNotLoadedException);
        assertEquals(0, e.errno());
        assertNull(e.errnoName());
        assertEquals("malformed " + Fixtures.procRoot("malformed").resolve("oom_status")
                + " line 2: expected \"key: value\" with key [a-z_]+, got \"mode hooked\"", e.getMessage());
    }

    @Test
    void ranksSnapshotWithoutItself() throws UoomException {
        Ranking ranking = fixture("snapshot").rank(Policies.modern());

        assertEquals(15918, ranking.queue().get(0).process().pid());
        assertEquals(8, ranking.queue().size());
        assertEquals(13, fixture("snapshot").snapshot().processes().size());
    }

    @Test
    void readsOneProcess() throws UoomException {
        assertEquals("sshd", fixture("snapshot").process(4242).orElseThrow().name());
        assertFalse(fixture("snapshot").process(4).isPresent());
    }

    @Test
    void reportsKernelRelease() throws UoomException {
        assertEquals(System.getProperty("os.version"), fixture("hooked").kernelRelease());
    }

    @Test
    void openUsesProcRootProperty() {
        String saved = System.getProperty(ProcPaths.ROOT_PROPERTY);
        System.setProperty(ProcPaths.ROOT_PROPERTY, emptyRoot.toString());
        try {
            assertEquals(new ProcPaths(emptyRoot), Uoom.open().procPaths());
        } finally {
            if (saved == null) {
                System.clearProperty(ProcPaths.ROOT_PROPERTY);
            } else {
                System.setProperty(ProcPaths.ROOT_PROPERTY, saved);
            }
        }
    }
}
