package dev.uoom.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.uoom.Fixtures;
import dev.uoom.model.QueueEntry;
import dev.uoom.nativeio.Errno;
import dev.uoom.paths.ProcPaths;

/**
 * {@link OomQueue} against a copy of the snapshot fixture, whose {@code oom} is a regular file: it shows what
 * is written, though not the module's checks (see {@link QueueErrorsTest} for those).
 */
class OomQueueTest {
    @TempDir
    Path root;

    private OomQueue queue;
    private Path file;

    @BeforeEach
    void copyFixture() {
        Fixtures.copyProcRoot("snapshot", root);
        queue = Uoom.open(new ProcPaths(root)).queue();
        file = root.resolve("oom");
    }

    private void emptyFile() throws IOException {
        Files.writeString(file, "");
    }

    @Test
    void listsInOrder() throws UoomException {
        assertEquals(List.of(15920, 15918), queue.list());
        assertEquals(file, queue.file());
    }

    @Test
    void replaceWritesPidStartTokensInOneLine() throws Exception {
        emptyFile();

        queue.replace(List.of(15918, 15920, 4242));

        assertEquals("15918:747006 15920:747007 4242:747006\n", Files.readString(file));
    }

    @Test
    void clearWritesANewline() throws Exception {
        emptyFile();

        queue.clear();

        assertEquals("\n", Files.readString(file));
    }

    @Test
    void addAppendsNewPidsAfterQueuedOnes() throws Exception {
        Files.writeString(file, "15920 15918\n");

        queue.add(List.of(15918, 15924, 15916));

        // O_WRONLY without O_TRUNC: the new, longer text covers the old.
        assertEquals("15920:747007 15918:747006 15924:747009 15916:747006\n", Files.readString(file));
    }

    @Test
    void resolvesStartTimes() throws UoomException {
        assertEquals(List.of(new QueueEntry(15919, 747007), new QueueEntry(1, 30)), queue.resolve(List.of(15919, 1)));
    }

    @Test
    void refusesMissingPidBeforeWriting() throws Exception {
        emptyFile();

        UoomException e = assertThrows(UoomException.class, () -> queue.replace(List.of(15918, 99999)));

        assertEquals("pid 99999 does not exist", e.getMessage());
        assertEquals(Errno.ESRCH.code(), e.errno());
        assertEquals("", Files.readString(file));
    }

    @Test
    void refusesBadPidsBeforeWriting() throws Exception {
        emptyFile();

        assertEquals("invalid pid 0: pids are positive",
                assertThrows(UoomException.class, () -> queue.replace(List.of(0))).getMessage());
        assertEquals("invalid pid -3: pids are positive",
                assertThrows(UoomException.class, () -> queue.add(List.of(-3))).getMessage());
        assertEquals("pid 15918 is listed twice",
                assertThrows(UoomException.class, () -> queue.replace(List.of(15918, 15920, 15918))).getMessage());
        assertEquals("", Files.readString(file));
    }

    @Test
    void missingQueueFileMeansModuleNotLoaded() throws IOException {
        Files.delete(file);

        assertInstanceOf(ModuleNotLoadedException.class, assertThrows(UoomException.class, queue::list));
        ModuleNotLoadedException e = assertThrows(ModuleNotLoadedException.class, queue::clear);
        assertEquals("module not loaded (" + file + " does not exist); load uoom.ko first", e.getMessage());
    }

    @Test
    void reportsMalformedQueue() throws IOException {
        Files.writeString(file, "12 x\n");

        UoomException e = assertThrows(UoomException.class, queue::list);

        assertEquals("malformed " + file + ": not a pid: \"x\"", e.getMessage());
    }

    @Test
    void writeErrorKeepsErrnoAndNamesIt() throws IOException {
        Files.delete(file);
        Files.createDirectory(file);

        UoomException e = assertThrows(UoomException.class, queue::clear);

        assertEquals(21, e.errno());
        assertEquals("cannot write " + file + ": errno 21", e.getMessage());
    }
}
