package dev.uoom.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.uoom.model.QueueEntry;
import dev.uoom.nativeio.Signals;
import dev.uoom.parse.ProcStatParser;

class LiveProcessTest {
    private static long startTime(Process p) throws Exception {
        return ProcStatParser.parse(Files.readString(Path.of("/proc/" + p.pid() + "/stat"))).startTime();
    }

    @Test
    void opensTheProcessSeenAndRecordsItsStartTime() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        try {
            QueueEntry seen = new QueueEntry(Math.toIntExact(child.pid()), startTime(child));
            try (LiveProcess p = LiveProcess.open(seen).orElseThrow()) {
                assertEquals(seen, p.entry());
                assertEquals(seen.pid(), p.pidfd().pid());
                assertEquals(false, p.signal(Signals.SIGTERM));
            }
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            assertEquals(128 + Signals.SIGTERM, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aPidThatNamesAnotherProcessIsNotOpened() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        try {
            int pid = Math.toIntExact(child.pid());
            // As if the process seen had exited and this one had got its pid.
            assertEquals(Optional.empty(), LiveProcess.open(new QueueEntry(pid, startTime(child) - 1)));
            try (LiveProcess now = LiveProcess.open(pid).orElseThrow()) {
                assertEquals(new QueueEntry(pid, startTime(child)), now.entry());
            }
            assertTrue(child.isAlive());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aReapedProcessIsGone() throws Exception {
        Process child = new ProcessBuilder("true").start();
        int pid = Math.toIntExact(child.pid());
        child.waitFor();

        assertEquals(Optional.empty(), LiveProcess.open(pid));
    }

    @Test
    void aKilledProcessHasItsMemoryReleasedWhereTheKernelCan() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        try (LiveProcess p = LiveProcess.open(Math.toIntExact(child.pid())).orElseThrow()) {
            // process_mrelease needs Linux 5.15; the reaper may also win the race to the exited child.
            p.signal(Signals.SIGKILL);
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            assertEquals(128 + Signals.SIGKILL, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
    }
}
