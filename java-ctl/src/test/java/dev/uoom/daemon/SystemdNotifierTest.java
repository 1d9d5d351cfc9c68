package dev.uoom.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.uoom.nativeio.ErrnoException;
import dev.uoom.nativeio.UnixDatagramSocket;

/** The sd_notify messages, read back from a real AF_UNIX datagram socket standing for systemd's. */
class SystemdNotifierTest {
    private static final long PID = 4242;

    @TempDir
    Path dir;

    private static String next(UnixDatagramSocket socket) throws ErrnoException {
        return new String(socket.receive(4096, 5000).orElseThrow(), StandardCharsets.UTF_8);
    }

    private void sendsTheProtocolTo(String address) throws Exception {
        try (UnixDatagramSocket systemd = UnixDatagramSocket.open()) {
            systemd.bind(address);
            List<String> warnings = new ArrayList<>();
            SystemdNotifier n = SystemdNotifier.fromEnvironment(
                    Map.of("NOTIFY_SOCKET", address, "WATCHDOG_USEC", "30000000"), PID, warnings::add);

            assertTrue(n.enabled());
            assertEquals(Optional.of(Duration.ofSeconds(15)), n.watchdogInterval());
            n.ready("queued 3 pids, last re-rank 7 ms\n(start)");
            n.status("queued 4 pids");
            n.watchdog();
            n.reloading();
            n.stopping();

            assertEquals("READY=1\nSTATUS=queued 3 pids, last re-rank 7 ms (start)", next(systemd));
            assertEquals("STATUS=queued 4 pids", next(systemd));
            assertEquals("WATCHDOG=1", next(systemd));
            assertTrue(next(systemd).matches("RELOADING=1\nMONOTONIC_USEC=\\d+"));
            assertEquals("STOPPING=1", next(systemd));
            assertEquals(List.of(), warnings);
        }
    }

    @Test
    void sendsToASocketPath() throws Exception {
        sendsTheProtocolTo(dir.resolve("notify").toString());
    }

    @Test
    void sendsToAnAbstractSocket() throws Exception {
        sendsTheProtocolTo("@uoom-notify-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    }

    @Test
    void withoutNotifySocketDoesNothing() {
        SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("WATCHDOG_USEC", "1000000"), PID, w -> {
            throw new AssertionError(w);
        });
        assertFalse(n.enabled());
        assertFalse(n.send("READY=1"));
        assertEquals(Optional.empty(), n.watchdogInterval());
    }

    @Test
    void watchdogOfAnotherPidIsNotOurs() {
        Map<String, String> env = Map.of("NOTIFY_SOCKET", "@x", "WATCHDOG_USEC", "1000000", "WATCHDOG_PID", "1");
        assertEquals(Optional.empty(), SystemdNotifier.fromEnvironment(env, PID, w -> { }).watchdogInterval());
        Map<String, String> ours = Map.of("NOTIFY_SOCKET", "@x", "WATCHDOG_USEC", "1000000", "WATCHDOG_PID", "4242");
        assertEquals(Optional.of(Duration.ofMillis(500)),
                SystemdNotifier.fromEnvironment(ours, PID, w -> { }).watchdogInterval());
    }

    @Test
    void aFailedSendIsReportedOnce() {
        List<String> warnings = new ArrayList<>();
        SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", dir.resolve("gone").toString()),
                PID, warnings::add);
        assertFalse(n.send("READY=1"));
        assertFalse(n.send("WATCHDOG=1"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("cannot notify systemd (" + dir.resolve("gone") + "): "), warnings.get(0));
    }
}
