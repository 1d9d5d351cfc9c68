package dev.uoom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.uoom.Fixtures;
import dev.uoom.api.Memcg;
import dev.uoom.api.ProcessScanner;
import dev.uoom.daemon.DaemonLog;
import dev.uoom.daemon.MemcgHandler;
import dev.uoom.model.MemcgEvent;
import dev.uoom.model.MemoryEvents;
import dev.uoom.nativeio.Signals;
import dev.uoom.paths.CgroupPaths;
import dev.uoom.paths.ProcPaths;
import dev.uoom.policy.Policies;

class StopOnSignalTest {

    @Test
    void signalDuringHoldRestoresTheLimitsBeforeTheHookReturns(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("box"));
        try (var files = Files.list(Fixtures.cgroupDir("v2-box"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName().toString()));
            }
        }
        Files.writeString(dir.resolve("cgroup.procs"), ProcessHandle.current().pid() + "\n");
        Files.writeString(dir.resolve("cgroup.events"), "populated 1\nfrozen 0\n");
        Files.writeString(dir.resolve("cgroup.freeze"), "0\n");
        StringWriter log = new StringWriter();
        MemcgHandler handler = new MemcgHandler(Memcg.open(new CgroupPaths(dir)),
                new MemcgHandler.Settings(MemcgHandler.Raise.parse("16M"), Duration.ofSeconds(600),
                        Policies.modern(), Signals.SIGKILL, false),
                new ProcessScanner(new ProcPaths(Fixtures.procRoot("snapshot")), Fixtures.CLOCK_TICKS,
                        Fixtures.PAGE_SIZE),
                DaemonLog.create(new PrintWriter(log, true), Level.INFO));
        MemoryEvents delta = new MemoryEvents(0, 1, 0, 0, 0, 0);
        MemcgEvent event = new MemcgEvent(Instant.now(), dir.toString(), MemcgEvent.Source.EVENTS, delta, delta,
                null);
        AtomicReference<StopOnSignal> hook = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch created = new CountDownLatch(1);
        StringWriter err = new StringWriter();
        Thread command = new Thread(() -> {
            StopOnSignal h = StopOnSignal.interrupting("test-stop", () -> { }, Duration.ofSeconds(30),
                    new PrintWriter(err));
            hook.set(h);
            created.countDown();
            try {
                handler.handle(event);
            } catch (Throwable t) {
                thrown.set(t);
            } finally {
                h.close();
            }
        });
        command.start();
        assertTrue(created.await(10, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!log.toString().contains("holding the raised limits") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals("83886080", Files.readString(dir.resolve("memory.max")).strip(), log.toString());

        long start = System.nanoTime();
        hook.get().stopAndWait();

        // The hook returned only after the handler wrote the original limit back.
        assertEquals("67108864", Files.readString(dir.resolve("memory.max")).strip(), log.toString());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20));
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        command.join(10_000);
        assertFalse(command.isAlive());
        assertEquals("", err.toString());
    }

    @Test
    void saysWhenItGivesUpWaiting() throws Exception {
        StringWriter err = new StringWriter();
        AtomicReference<StopOnSignal> hook = new AtomicReference<>();
        CountDownLatch created = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread command = new Thread(() -> {
            hook.set(StopOnSignal.interrupting("stubborn", () -> { }, Duration.ofMillis(200), new PrintWriter(err)));
            created.countDown();
            // Ignores the interrupt, as a command stuck in a system call would.
            while (true) {
                try {
                    release.await();
                    break;
                } catch (InterruptedException e) {
                    // keep waiting
                }
            }
            hook.get().close();
        });
        command.start();
        assertTrue(created.await(10, TimeUnit.SECONDS));

        hook.get().stopAndWait();
        release.countDown();
        command.join(10_000);

        assertTrue(err.toString().startsWith("uoom: stubborn: the command did not finish within"), err.toString());
    }
}
