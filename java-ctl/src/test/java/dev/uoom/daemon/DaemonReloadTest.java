package dev.uoom.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.uoom.Fixtures;
import dev.uoom.api.Uoom;
import dev.uoom.nativeio.UnixDatagramSocket;
import dev.uoom.paths.ProcPaths;
import dev.uoom.policy.PolicyKind;

/** Reloading the configuration (SIGHUP), against the snapshot fixture, with no kernel module. */
class DaemonReloadTest {
    private static final String GOOD = "queue-length: 3\nrerank-interval: 0.5\nprotect-self: {mlock: false, "
            + "oom-score-adj: keep}\npsi: {enabled: false}\nnotify: {enabled: false}\n";

    @TempDir
    Path root;

    @TempDir
    Path etc;

    private final StringWriter logText = new StringWriter();
    private Logger log;
    private Path file;

    @BeforeEach
    void setUp() throws Exception {
        Fixtures.copyDaemonRoot(root);
        log = DaemonLog.create(new PrintWriter(logText, true), Level.FINE);
        file = Files.writeString(etc.resolve("daemon.yaml"), GOOD);
    }

    private Daemon daemon(SystemdNotifier systemd) throws Exception {
        return new Daemon(Uoom.open(new ProcPaths(root)), DaemonConfig.load(file), () -> DaemonConfig.load(file),
                systemd, false, log);
    }

    private List<String> logLines() {
        return logText.toString().lines().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }

    @Test
    void aGoodFileReplacesTheConfigAndABadOneKeepsIt() throws Exception {
        Daemon daemon = daemon(SystemdNotifier.disabled());
        daemon.start();
        assertEquals(3, daemon.rankOnce("start").queued().size());

        Files.writeString(file, GOOD.replace("queue-length: 3", "queue-length: 2\npolicy: classic"));
        daemon.reload();
        assertTrue(daemon.applyReload());
        DaemonConfig reloaded = daemon.config();
        assertEquals(2, reloaded.queueLength());
        assertEquals(PolicyKind.CLASSIC, reloaded.policy());
        Decision decision = daemon.rankOnce("reload");
        assertEquals(2, decision.queued().size());
        assertEquals("classic", decision.policy());

        Files.writeString(file, GOOD.replace("queue-length: 3", "queue-length: 0"));
        assertFalse(daemon.applyReload());
        assertSame(reloaded, daemon.config());
        assertEquals(2, daemon.rankOnce("timer").queued().size());
        assertTrue(logLines().contains("WARNING reload failed, keeping the running configuration: " + file
                + ": queue-length must be 1 to 4096, got 0"), logText.toString());
    }

    @Test
    void runReloadsOnRequestAndTellsSystemd() throws Exception {
        String address = etc.resolve("notify").toString();
        try (UnixDatagramSocket systemd = UnixDatagramSocket.open()) {
            systemd.bind(address);
            Daemon daemon = daemon(SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", address,
                    "WATCHDOG_USEC", "200000"), ProcessHandle.current().pid(), log::warning));
            daemon.start();
            CompletableFuture<Void> running = DaemonTest.runInBackground(daemon);
            try {
                assertTrue(receiveUntil(systemd, "READY=1").startsWith("READY=1\nSTATUS=queued 3 pids, last re-rank "));
                assertEquals("WATCHDOG=1", receiveUntil(systemd, "WATCHDOG=1"));

                Files.writeString(file, GOOD.replace("queue-length: 3", "queue-length: 1"));
                daemon.reload();
                assertTrue(receiveUntil(systemd, "RELOADING=1").startsWith("RELOADING=1\n"));
                assertTrue(receiveUntil(systemd, "READY=1").startsWith("READY=1\nSTATUS="));
                assertTrue(receiveUntil(systemd, "STATUS=queued 1 pids").contains("(reload)"));
                assertEquals(1, daemon.config().queueLength());
            } finally {
                daemon.stop();
                running.get(5, TimeUnit.SECONDS);
            }
            assertEquals("STOPPING=1", receiveUntil(systemd, "STOPPING=1"));
        }
    }

    /** The next datagram that starts with {@code prefix}, skipping others (such as watchdog pings). */
    private static String receiveUntil(UnixDatagramSocket socket, String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            var got = socket.receive(4096, 1000);
            if (got.isPresent()) {
                String message = new String(got.get(), StandardCharsets.UTF_8);
                if (message.startsWith(prefix)) {
                    return message;
                }
            }
        }
        throw new AssertionError("no datagram starting with " + prefix);
    }
}
