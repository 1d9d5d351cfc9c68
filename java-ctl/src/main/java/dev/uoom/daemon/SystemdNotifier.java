package dev.uoom.daemon;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import dev.uoom.nativeio.ErrnoException;
import dev.uoom.nativeio.UnixDatagramSocket;

/**
 * The {@code sd_notify(3)} protocol, without libsystemd: each message is one datagram of {@code KEY=VALUE} lines
 * to the {@code AF_UNIX} socket in {@code $NOTIFY_SOCKET}. Without that variable every method does nothing.
 * Safe from any thread; a failed send is reported to the warning sink once, until a send succeeds again.
 */
public final class SystemdNotifier {
    private static final SystemdNotifier DISABLED = new SystemdNotifier(null, null, s -> { });

    private final String socket;
    private final Duration watchdog;
    private final Consumer<String> warn;
    private boolean failing;

    private SystemdNotifier(String socket, Duration watchdog, Consumer<String> warn) {
        this.socket = socket;
        this.watchdog = watchdog;
        this.warn = Objects.requireNonNull(warn, "warn");
    }

    /** A notifier that sends nothing. */
    public static SystemdNotifier disabled() {
        return DISABLED;
    }

    /**
     * The notifier systemd asks for in {@code env}: {@code NOTIFY_SOCKET}, and {@code WATCHDOG_USEC} unless
     * {@code WATCHDOG_PID} names another process than {@code pid}.
     *
     * @param warn where failures to send go
     */
    public static SystemdNotifier fromEnvironment(Map<String, String> env, long pid, Consumer<String> warn) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty()) {
            return DISABLED;
        }
        Duration watchdog = null;
        String usec = env.get("WATCHDOG_USEC");
        String watchdogPid = env.get("WATCHDOG_PID");
        if (usec != null && (watchdogPid == null || watchdogPid.equals(Long.toString(pid)))) {
            try {
                long us = Long.parseLong(usec);
                watchdog = us > 0 ? Duration.of(us, ChronoUnit.MICROS).dividedBy(2) : null;
            } catch (NumberFormatException e) {
                warn.accept("ignoring WATCHDOG_USEC=" + usec + ": not a number of microseconds");
            }
        }
        return new SystemdNotifier(socket, watchdog, warn);
    }

    /** Whether messages are sent. */
    public boolean enabled() {
        return socket != null;
    }

    /** How often to send {@link #watchdog()}: half of {@code WATCHDOG_USEC}; empty without a watchdog. */
    public Optional<Duration> watchdogInterval() {
        return Optional.ofNullable(watchdog);
    }

    /** {@code READY=1} with a {@code STATUS=} line. */
    public void ready(String status) {
        send("READY=1\nSTATUS=" + oneLine(status));
    }

    /** A {@code STATUS=} line. */
    public void status(String status) {
        send("STATUS=" + oneLine(status));
    }

    /** {@code RELOADING=1}; {@link #ready} ends the reload. */
    public void reloading() {
        // MONOTONIC_USEC is what Type=notify-reload asks for; HotSpot's nanoTime is CLOCK_MONOTONIC on Linux.
        send("RELOADING=1\nMONOTONIC_USEC=" + System.nanoTime() / 1000);
    }

    /** {@code STOPPING=1}. */
    public void stopping() {
        send("STOPPING=1");
    }

    /** {@code WATCHDOG=1}: still alive. */
    public void watchdog() {
        send("WATCHDOG=1");
    }

    private static String oneLine(String status) {
        return status.replace('\n', ' ');
    }

    /** Sends one message; {@code false} (reported) if it failed. */
    boolean send(String message) {
        if (socket == null) {
            return false;
        }
        try (UnixDatagramSocket s = UnixDatagramSocket.open()) {
            s.send(message.getBytes(StandardCharsets.UTF_8), socket);
        } catch (ErrnoException | IllegalArgumentException e) {
            report("cannot notify systemd (" + socket + "): " + e.getMessage());
            return false;
        }
        synchronized (this) {
            failing = false;
        }
        return true;
    }

    private synchronized void report(String message) {
        if (!failing) {
            failing = true;
            warn.accept(message);
        }
    }
}
