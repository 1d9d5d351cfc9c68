package dev.uoom.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.uoom.Fixtures;
import dev.uoom.api.ModuleNotLoadedException;
import dev.uoom.api.Uoom;
import dev.uoom.api.UoomException;
import dev.uoom.model.PressureEvent;
import dev.uoom.model.ProcStatus;
import dev.uoom.parse.ProcStatusParser;
import dev.uoom.nativeio.Signals;
import dev.uoom.paths.ProcPaths;
import dev.uoom.policy.PolicyKind;
import dev.uoom.policy.Rule;

/**
 * The daemon against a copy of the snapshot fixture, where {@code oom} and {@code self/oom_score_adj} are plain
 * files: a write to {@code oom} reads back as the queue it makes, as with the module.
 */
class DaemonTest {
    @TempDir
    Path root;

    private final StringWriter logText = new StringWriter();
    private Logger log;

    @BeforeEach
    void setUp() throws IOException {
        Fixtures.copyDaemonRoot(root);
        log = DaemonLog.create(new PrintWriter(logText, true), Level.FINE);
    }

    private DaemonConfig config(int queueLength, OptionalInt adj, boolean psi) {
        return config(queueLength, adj, psi, new PressureConfig(true, root.resolve("dev/oom_notify"),
                PressureEvent.Level.LOW, Duration.ZERO, OptionalInt.empty(), List.of(), null));
    }

    private static DaemonConfig config(int queueLength, OptionalInt adj, boolean psi, PressureConfig pressure) {
        return new DaemonConfig(PolicyKind.MODERN, PolicyKind.MODERN, List.of(), queueLength, Duration.ofMillis(500),
                adj, false, psi, DaemonConfig.DEFAULT_PSI_TRIGGER, pressure);
    }

    private Daemon daemon(DaemonConfig config, boolean dryRun) {
        return new Daemon(Uoom.open(new ProcPaths(root)), config, dryRun, log);
    }

    /** Runs {@link Daemon#run()} on another thread; the future fails if it throws. */
    static CompletableFuture<Void> runInBackground(Daemon daemon) {
        return CompletableFuture.runAsync(() -> {
            try {
                daemon.run();
            } catch (UoomException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private List<String> logLines() {
        return logText.toString().lines().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }

    @Test
    void startProtectsItselfAndWritesTheTopOfTheRanking() throws Exception {
        Daemon daemon = daemon(config(3, OptionalInt.of(-900), false), false);

        daemon.start();
        Decision decision = daemon.rankOnce("once");

        assertEquals("15918:747006 15920:747007 15924:747009\n", Files.readString(root.resolve("oom")));
        assertEquals("-900\n", Files.readString(root.resolve("self/oom_score_adj")));
        assertEquals(Decision.Action.WRITTEN, decision.action());
        assertEquals(List.of(15918, 15920, 15924), decision.pids());
        assertEquals(List.of(
                "INFO starting: pid " + ProcessHandle.current().pid() + ", module hooked, policy modern, "
                        + "queue length 3, rerank interval 0.5 s",
                "INFO set own oom_score_adj to -900",
                "INFO wrote 3 pids (trigger once, policy modern, was 0 pids): 15918 sleep 1000, 15920 python3 675, "
                        + "15924 python3 668"), logLines());
    }

    @Test
    void keepsAQueueThatAlreadyMatches() throws Exception {
        Files.writeString(root.resolve("oom"), "15918 15920\n");
        Daemon daemon = daemon(config(2, OptionalInt.empty(), false), false);
        daemon.start();

        Decision decision = daemon.rankOnce("timer");

        assertEquals(Decision.Action.UNCHANGED, decision.action());
        assertEquals("15918 15920\n", Files.readString(root.resolve("oom")));
        assertEquals("0\n", Files.readString(root.resolve("self/oom_score_adj")));
        assertEquals("FINE kept 2 pids (unchanged) (trigger timer, policy modern, was 2 pids): 15918 sleep 1000, "
                + "15920 python3 675", logLines().get(logLines().size() - 1));
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        Daemon daemon = daemon(config(16, OptionalInt.of(-900), false), true);
        daemon.start();

        Decision decision = daemon.rankOnce("once");

        assertEquals(Decision.Action.DRY_RUN, decision.action());
        assertEquals(8, decision.pids().size());
        assertEquals("", Files.readString(root.resolve("oom")));
        assertEquals("0\n", Files.readString(root.resolve("self/oom_score_adj")));
        assertTrue(logLines().get(1).startsWith("INFO dry run, would write 8 pids (trigger once, policy modern, "
                + "was 0 pids): 15918 sleep 1000, 15920 python3 675, 15924 python3 668, 15916 bash 666, 15922 sleep "
                + "666, +3 more"), logLines().get(1));
    }

    @Test
    void dryRunWorksWithoutTheModule() throws Exception {
        Files.delete(root.resolve("oom"));
        Files.delete(root.resolve("oom_status"));
        Daemon daemon = daemon(config(4, OptionalInt.empty(), false), true);

        daemon.start();

        assertEquals(4, daemon.rankOnce("once").pids().size());
        assertTrue(logLines().get(0).contains("module not loaded"), logLines().get(0));
    }

    @Test
    void refusesToStartWithoutTheModule() throws IOException {
        Files.delete(root.resolve("oom_status"));

        Daemon daemon = daemon(config(4, OptionalInt.empty(), false), false);

        assertThrows(ModuleNotLoadedException.class, daemon::start);
    }

    @Test
    void capsQueueLengthAtQueueMax() throws Exception {
        Files.writeString(root.resolve("oom_status"), Fixtures.oomStatus("advisory-idle").replace("64", "2"));
        Daemon daemon = daemon(config(16, OptionalInt.empty(), false), false);

        daemon.start();

        assertEquals(List.of(15918, 15920), daemon.rankOnce("once").pids());
        assertEquals("INFO queue-length 16 is above the module's queue_max; writing 2 pids", logLines().get(0));
    }

    @Test
    void reportsFailureToProtectItselfAndGoesOn() throws Exception {
        Files.delete(root.resolve("self/oom_score_adj"));
        Daemon daemon = daemon(config(1, OptionalInt.of(-900), false), false);

        daemon.start();

        assertEquals("WARNING cannot set own oom_score_adj to -900 (" + root.resolve("self/oom_score_adj")
                + ": ENOENT (No such file or directory)); continuing", logLines().get(1));
        assertEquals(List.of(15918), daemon.rankOnce("once").pids());
    }

    @Test
    void ranksTheAdvisoryHeadWithItsOwnAdjustment() throws Exception {
        // The advisory module raised 15920 (the queue head) to 1000 and saved its own 0.
        Files.writeString(root.resolve("oom_status"), Fixtures.oomStatus("advisory-busy") + "advisory_saved_adj: 0\n");
        Files.writeString(root.resolve("15920/oom_score_adj"), "1000\n");
        Daemon daemon = daemon(config(2, OptionalInt.empty(), false), false);
        daemon.start();

        assertEquals(List.of(15918, 15920), daemon.rankOnce("once").pids());
    }

    @Test
    void rankOnceNeedsStart() {
        assertThrows(IllegalStateException.class, () -> daemon(config(1, OptionalInt.empty(), false), false)
                .rankOnce("once"));
    }

    @Test
    void runRanksOnTheIntervalUntilStopped() throws Exception {
        Daemon daemon = daemon(config(2, OptionalInt.empty(), true), false);
        daemon.start();

        CompletableFuture<Void> running = runInBackground(daemon);
        // The fixture has no pressure/memory: the daemon falls back to the timer, 0.5 s here.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (logLines().stream().noneMatch(l -> l.contains("trigger timer")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        daemon.stop();
        running.get(5, TimeUnit.SECONDS);

        List<String> lines = logLines();
        assertEquals("INFO " + root.resolve("dev/oom_notify") + " unavailable (module not loaded ("
                + root.resolve("dev/oom_notify") + " does not exist); load uoom.ko first); using PSI", lines.get(1));
        assertEquals("WARNING PSI unavailable (" + root.resolve("pressure/memory")
                + ": ENOENT (No such file or directory)); re-ranking every 0.5 s only", lines.get(2));
        assertEquals("INFO wrote 2 pids (trigger start, policy modern, was 0 pids): 15918 sleep 1000, "
                + "15920 python3 675", lines.get(3));
        assertEquals("FINE kept 2 pids (unchanged) (trigger timer, policy modern, was 2 pids): 15918 sleep 1000, "
                + "15920 python3 675", lines.get(4));
        assertEquals("INFO stopped; /proc/oom keeps the last queue", lines.get(lines.size() - 1));
    }

    @Test
    void psiCanBeTurnedOff() throws Exception {
        Daemon daemon = daemon(config(1, OptionalInt.empty(), false), false);
        daemon.start();
        daemon.stop();

        daemon.run();

        assertEquals("INFO PSI disabled by configuration; re-ranking every 0.5 s", logLines().get(2));
    }

    @Test
    void widensTheWindowForUnprivilegedTriggers() {
        assertEquals("some 300000 2000000", Daemon.relaxedTrigger("some 150000 1000000"));
        assertEquals("full 100000 2000000", Daemon.relaxedTrigger("full 100000 2000000"));
        assertEquals("some 200000 4000000", Daemon.relaxedTrigger("some 150000 3000000"));
        assertEquals("some 2000000 2000000", Daemon.relaxedTrigger("some 900000 500000"));
    }

    @Test
    void pressureLowReRanksAndCriticalSignalsTheMatchingProcessesInADryRun() throws Exception {
        PressureConfig pressure = new PressureConfig(true, root.resolve("dev/oom_notify"), PressureEvent.Level.LOW,
                Duration.ZERO, OptionalInt.of(Signals.SIGUSR1), List.of(Rule.of(Rule.Action.PREFER, Rule.Field.NAME,
                        "^python3$")), "echo shrink");
        Daemon daemon = daemon(config(2, OptionalInt.empty(), false, pressure), true);
        daemon.start();
        daemon.rankOnce("once");
        logText.getBuffer().setLength(0);

        assertEquals("notify-low", daemon.onPressure(List.of(new PressureEvent(PressureEvent.Level.LOW,
                PressureEvent.Source.KSWAPD_WAKE, 1, 2048, 1024, 0, 0, 1))));
        assertEquals(List.of("INFO pressure LOW (kswapd_wake): MemAvailable 2048 kB, free 1024 kB"), logLines());

        logText.getBuffer().setLength(0);
        assertEquals("notify-oom", daemon.onPressure(List.of(
                new PressureEvent(PressureEvent.Level.CRITICAL, PressureEvent.Source.RECLAIM_RETRY, 2, 100, 50, 3, 0,
                        4),
                new PressureEvent(PressureEvent.Level.OOM, PressureEvent.Source.MARK_VICTIM, 3, 90, 40, 0, 15920, 1))));
        assertEquals(List.of("INFO pressure CRITICAL (reclaim_retry): MemAvailable 100 kB, free 50 kB, 4 events",
                "INFO pressure OOM (mark_victim): MemAvailable 90 kB, free 40 kB",
                "INFO oom: the kernel killed pid 15920, position 2 of the queue",
                "INFO on-critical: would send SIGUSR1 to pid 15920 (python3)",
                "INFO on-critical: would send SIGUSR1 to pid 15924 (python3)",
                "INFO on-critical: would run: echo shrink"), logLines());
    }

    @Test
    void onCriticalSignalsOnlyTheProcessItSawNeverARecycledPid() throws Exception {
        Process seen = new ProcessBuilder("sleep", "60").start();
        Process recycled = new ProcessBuilder("sleep", "60").start();
        try {
            Fixtures.addProcess(root, seen.pid(), "uoomseen", Fixtures.startTime(seen.pid()));
            // The scan saw another process under this pid, started earlier: it exited and the pid was reused.
            Fixtures.addProcess(root, recycled.pid(), "uoomseen", Fixtures.startTime(recycled.pid()) - 1);
            PressureConfig pressure = new PressureConfig(true, root.resolve("dev/oom_notify"),
                    PressureEvent.Level.LOW, Duration.ZERO, OptionalInt.of(Signals.SIGTERM),
                    List.of(Rule.of(Rule.Action.PREFER, Rule.Field.NAME, "^uoomseen$")), null);
            Daemon daemon = daemon(config(2, OptionalInt.empty(), false, pressure), false);
            daemon.start();

            daemon.onPressure(List.of(new PressureEvent(PressureEvent.Level.CRITICAL,
                    PressureEvent.Source.RECLAIM_RETRY, 1, 100, 50, 3, 0, 1)));

            assertTrue(seen.waitFor(10, TimeUnit.SECONDS));
            assertEquals(128 + Signals.SIGTERM, seen.exitValue());
            assertTrue(recycled.isAlive());
            assertTrue(logLines().contains("INFO on-critical: SIGTERM to pid " + seen.pid() + " (uoomseen)"),
                    logText.toString());
            assertTrue(logLines().contains("INFO on-critical: pid " + recycled.pid() + " (uoomseen) exited or its "
                    + "pid was reused; not signalled"), logText.toString());
        } finally {
            seen.destroyForcibly();
            recycled.destroyForcibly();
        }
    }

    @Test
    void startFailsAtOnceWhereThePidfdCallsAreNotKnown() {
        Daemon daemon = daemon(config(3, OptionalInt.empty(), false), true);
        String arch = System.getProperty("os.arch");
        System.setProperty("os.arch", "alpha");
        try {
            UoomException e = assertThrows(UoomException.class, daemon::start);
            assertTrue(e.getMessage().startsWith("no system call numbers for architecture \"alpha\""),
                    e.getMessage());
        } finally {
            System.setProperty("os.arch", arch);
        }
    }

    @Test
    void readsNoCommandLineUnlessARuleMatchesOne() throws Exception {
        // A FIFO without a writer blocks its reader, as /proc/PID/cmdline blocks behind a thrashing process.
        Path cmdline = root.resolve("15920/cmdline");
        Files.delete(cmdline);
        assertEquals(0, new ProcessBuilder("mkfifo", cmdline.toString()).start().waitFor());
        Daemon daemon = daemon(config(3, OptionalInt.empty(), false), true);
        daemon.start();

        Decision decision = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> daemon.rankOnce("once"));

        assertTrue(decision.queued().stream().anyMatch(r -> r.process().pid() == 15920), decision.logLine());
    }

    @Test
    void protectsNoProcessThatGotThePidOfOneItMatched() throws Exception {
        Process recycled = new ProcessBuilder("sleep", "60").start();
        try {
            Fixtures.addProcess(root, recycled.pid(), "uoomkeep", Fixtures.startTime(recycled.pid()) - 1);
            DaemonConfig base = config(2, OptionalInt.empty(), false);
            DaemonConfig config = new DaemonConfig(base.policy(), base.basePolicy(), base.rules(), base.queueLength(),
                    base.rerankInterval(), base.selfOomScoreAdj(), base.mlock(), base.psi(), base.psiTrigger(),
                    base.pressure(), List.of(Rule.of(Rule.Action.PREFER, Rule.Field.NAME, "^uoomkeep$")));
            Daemon daemon = daemon(config, false);
            daemon.start();
            logText.getBuffer().setLength(0);

            Decision decision = daemon.rankOnce("once");

            assertTrue(logLines().contains("INFO pid " + recycled.pid() + " uoomkeep exited or its pid was reused; "
                    + "not protected"), logText.toString());
            assertTrue(decision.queued().stream().noneMatch(r -> r.process().pid() == recycled.pid()));
        } finally {
            recycled.destroyForcibly();
        }
    }

    @Test
    void anOomVictimOutsideTheQueueIsSaidToBe() throws Exception {
        Daemon daemon = daemon(config(1, OptionalInt.empty(), false), true);
        daemon.start();
        logText.getBuffer().setLength(0);

        daemon.onPressure(List.of(new PressureEvent(PressureEvent.Level.OOM, PressureEvent.Source.OOM_NOTIFIER, 3,
                90, 40, 0, 4242, 1), new PressureEvent(PressureEvent.Level.OOM, PressureEvent.Source.OOM_NOTIFIER, 4,
                90, 40, 0, 0, 1)));

        assertEquals("INFO oom: the kernel killed pid 4242, which was not in the queue", logLines().get(1));
        assertEquals("INFO oom: the kernel did not name its victim", logLines().get(3));
    }

    @Test
    void criticalCommandResetsItsOwnOomScoreAdjAndKeepsItsQuoting() throws Exception {
        String command = "printf '%s|' \"a  b\" '$HOME' \\\"q\\\"; cat /proc/self/oom_score_adj";
        List<String> argv = Daemon.criticalCommandArgv(command);
        assertEquals(List.of("/bin/sh", "-c", "echo 0 >/proc/self/oom_score_adj; exec /bin/sh -c \"$0\"", command),
                argv);

        // Started from a parent with oom_score_adj 700 (raising needs no privilege), as the daemon's -1000.
        List<String> wrapped = new java.util.ArrayList<>(List.of("/bin/sh", "-c",
                "echo 700 >/proc/self/oom_score_adj && exec \"$@\"", "sh"));
        wrapped.addAll(argv);
        Process p = new ProcessBuilder(wrapped).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertEquals(0, p.waitFor());
        assertEquals("a  b|$HOME|\"q\"|0\n", out);
    }

    @Test
    void warnsOfAnOnCriticalSignalWithoutCapKill() {
        ProcStatus root = ProcStatusParser.parse(Fixtures.snapshotFile("1/status"));
        ProcStatus user = ProcStatusParser.parse(Fixtures.snapshotFile("15922/status"));

        assertEquals(java.util.Optional.empty(), Daemon.missingCapKill(root, Signals.SIGUSR1));
        assertEquals(java.util.Optional.of("on-critical: no CAP_KILL; SIGUSR1 reaches only processes of uid 1000"
                + " (systemd: add CAP_KILL to CapabilityBoundingSet)"), Daemon.missingCapKill(user, Signals.SIGUSR1));
    }
}
