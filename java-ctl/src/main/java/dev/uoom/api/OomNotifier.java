package dev.uoom.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.uoom.model.PressureEvent;
import dev.uoom.nativeio.Errno;
import dev.uoom.nativeio.ErrnoException;
import dev.uoom.nativeio.EventFd;
import dev.uoom.nativeio.LibC;
import dev.uoom.nativeio.OomNotifyAbi;
import dev.uoom.nativeio.OomNotifyDevice;
import dev.uoom.nativeio.Poll;
import dev.uoom.parse.PressureEventDecoder;
import dev.uoom.parse.ProcFormatException;

/**
 * Memory-pressure notifications from {@code /dev/oom_notify}, the event-driven successor of the 2007
 * {@code /dev/oom_notify} proposal: the kernel module wakes readers on reclaim events (kswapd wake-up, direct
 * reclaim, failing reclaim retries, swap-out, OOM), with no sampling window.
 *
 * <pre>{@code
 * try (OomNotifier notifier = OomNotifier.open(PressureEvent.Level.LOW)) {
 *     notifier.onEvent(e -> {
 *         if (e.level().compareTo(PressureEvent.Level.CRITICAL) >= 0) {
 *             cache.clear();               // give memory back before the OOM killer runs
 *         }
 *     });
 *     ...
 * }
 * }</pre>
 *
 * Listeners run on one daemon thread, {@code uoom-notify}, in the order the kernel delivered the records; a
 * listener that throws is logged and the others still run. The thread waits in {@code poll(2)} with a timeout
 * and a wake-up eventfd, so {@link #close()} returns promptly. Without listeners, {@link #poll(Duration)} reads
 * events on the caller's thread instead. The device coalesces events and wakes a reader only for levels at or
 * above its threshold.
 */
public final class OomNotifier implements AutoCloseable {
    /** Records read per {@code read(2)}. */
    private static final int BATCH = 16;
    private static final int POLL_TIMEOUT_MILLIS = 1000;
    private static final long JOIN_MILLIS = 5000;
    private static final Logger LOG = Logger.getLogger(OomNotifier.class.getName());

    private final OomNotifyDevice device;
    private final EventFd wake;
    private final byte[] buffer = OomNotifyDevice.buffer(BATCH);
    private final List<Consumer<PressureEvent>> listeners = new CopyOnWriteArrayList<>();
    /** Held while the descriptors are in use, so that {@link #close()} never closes them under a poll or read. */
    private final Object io = new Object();
    private volatile boolean closed;
    private Thread thread;

    OomNotifier(OomNotifyDevice device, EventFd wake) {
        this.device = device;
        this.wake = wake;
    }

    /**
     * Opens {@value OomNotifyAbi#DEVICE} with delivery from {@code threshold} up and no hysteresis.
     *
     * @throws ModuleNotLoadedException if the device does not exist
     * @throws UoomException if it cannot be opened or configured
     */
    public static OomNotifier open(PressureEvent.Level threshold) throws UoomException {
        return open(Path.of(OomNotifyAbi.DEVICE), threshold, Duration.ZERO);
    }

    /**
     * Opens {@code device} and sets its threshold and hysteresis ({@code UOOM_IOC_NOTIFY_SET_CONFIG}).
     *
     * @param hysteresis after a record, events of the same or a lower level are only coalesced for this long
     * @throws IllegalArgumentException if {@code threshold} is {@link PressureEvent.Level#NONE}
     * @throws ModuleNotLoadedException if the device does not exist
     * @throws UoomException if it cannot be opened or configured
     */
    public static OomNotifier open(Path device, PressureEvent.Level threshold, Duration hysteresis)
            throws UoomException {
        Objects.requireNonNull(threshold, "threshold");
        if (threshold == PressureEvent.Level.NONE) {
            throw new IllegalArgumentException("threshold must be LOW, MEDIUM, CRITICAL or OOM");
        }
        OomNotifyDevice dev;
        try {
            dev = OomNotifyDevice.open(device.toString());
        } catch (ErrnoException e) {
            if (Errno.ENOENT.is(e.errno())) {
                throw new ModuleNotLoadedException(device, e);
            }
            throw new UoomException("cannot open " + device + ": " + Errno.describe(e.errno()), e.errno(), e);
        }
        try {
            dev.setConfig(threshold.code(), Math.toIntExact(hysteresis.toMillis()));
            return new OomNotifier(dev, EventFd.create());
        } catch (ErrnoException e) {
            try {
                dev.close();
            } catch (ErrnoException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw new UoomException(e.getMessage(), e.errno(), e);
        }
    }

    /**
     * The device's delivery threshold as it reports it ({@code UOOM_IOC_NOTIFY_GET_CONFIG}).
     *
     * @throws UoomException if the ioctl fails
     */
    public PressureEvent.Level threshold() throws UoomException {
        try {
            return PressureEvent.Level.of(device.getConfig()[0]);
        } catch (ErrnoException e) {
            throw new UoomException(e.getMessage(), e.errno(), e);
        }
    }

    /**
     * Calls {@code listener} for every event from now on, on the notifier's thread, which the first call starts.
     *
     * @return this notifier
     * @throws IllegalStateException if the notifier is closed
     */
    public synchronized OomNotifier onEvent(Consumer<PressureEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("closed");
        }
        listeners.add(listener);
        if (thread == null) {
            thread = new Thread(this::loop, "uoom-notify");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    /**
     * Waits up to {@code timeout} for events and returns those ready, on the caller's thread. Not to be mixed
     * with {@link #onEvent}.
     *
     * @return the events, oldest first; empty after the timeout or {@link #close()}
     * @throws IllegalStateException if listeners are registered
     * @throws UoomException if the device fails
     */
    public List<PressureEvent> poll(Duration timeout) throws UoomException {
        synchronized (this) {
            if (thread != null) {
                throw new IllegalStateException("events go to the listeners of onEvent");
            }
        }
        return waitAndRead((int) Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis())));
    }

    /**
     * The device's descriptor, for callers that poll it ({@link LibC#POLLIN}) together with their own; read
     * with {@link #readReady()}. Not to be mixed with {@link #onEvent}.
     */
    public int fd() {
        return device.fd();
    }

    /**
     * Reads the events that are ready without waiting.
     *
     * @return the events, oldest first; empty if none is ready
     * @throws UoomException if the device fails
     */
    public List<PressureEvent> readReady() throws UoomException {
        synchronized (io) {
            if (closed) {
                return List.of();
            }
            return read();
        }
    }

    private List<PressureEvent> read() throws UoomException {
        try {
            int n = device.read(buffer);
            return PressureEventDecoder.decode(buffer, n, OomNotifyDevice.byteOrder());
        } catch (ErrnoException e) {
            throw new UoomException(e.getMessage(), e.errno(), e);
        } catch (ProcFormatException e) {
            throw new UoomException(device.path() + ": " + e.problem(), e);
        }
    }

    private List<PressureEvent> waitAndRead(int timeoutMillis) throws UoomException {
        synchronized (io) {
            if (closed) {
                return List.of();
            }
            return pollAndRead(timeoutMillis);
        }
    }

    private List<PressureEvent> pollAndRead(int timeoutMillis) throws UoomException {
        try {
            short[] revents = Poll.poll(new int[] {wake.fd(), device.fd()}, new short[] {LibC.POLLIN, LibC.POLLIN},
                    timeoutMillis);
            if (closed || (revents[0] & LibC.POLLIN) != 0) {
                return List.of();
            }
            if ((revents[1] & (LibC.POLLERR | LibC.POLLNVAL)) != 0) {
                throw new UoomException(device.path() + ": poll reports an error", null);
            }
            if ((revents[1] & LibC.POLLIN) == 0) {
                return List.of();
            }
        } catch (ErrnoException e) {
            throw new UoomException(e.getMessage(), e.errno(), e);
        }
        return read();
    }

    private void loop() {
        while (!closed) {
            List<PressureEvent> events;
            try {
                events = waitAndRead(POLL_TIMEOUT_MILLIS);
            } catch (UoomException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "uoom-notify stops: " + e.getMessage(), e);
                }
                return;
            }
            for (PressureEvent event : events) {
                for (Consumer<PressureEvent> listener : listeners) {
                    try {
                        listener.accept(event);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "a pressure listener failed", e);
                    }
                }
            }
        }
    }

    /**
     * Stops the notifier's thread, waiting for a listener in progress (unless called from a listener), and closes
     * the device. Safe from any thread: a {@link #poll} in progress is woken and returns empty, and the
     * descriptors are closed only once it has. Closing twice does nothing.
     */
    @Override
    public void close() throws UoomException {
        Thread running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = thread;
        }
        UoomException failure = null;
        try {
            wake.signal();
        } catch (ErrnoException e) {
            failure = new UoomException(e.getMessage(), e.errno(), e);
        }
        try {
            if (running != null && running != Thread.currentThread()) {
                running.join(JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (io) {
            failure = closeQuietly(device::close, failure);
            failure = closeQuietly(wake::close, failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private interface Closer {
        void close() throws ErrnoException;
    }

    /** Closes one descriptor; the first failure is kept, later ones are suppressed into it. */
    private static UoomException closeQuietly(Closer closer, UoomException failure) {
        try {
            closer.close();
            return failure;
        } catch (ErrnoException e) {
            UoomException u = new UoomException(e.getMessage(), e.errno(), e);
            if (failure == null) {
                return u;
            }
            failure.addSuppressed(u);
            return failure;
        }
    }
}
