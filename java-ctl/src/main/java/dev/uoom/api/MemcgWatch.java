package dev.uoom.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.uoom.model.MemcgEvent;
import dev.uoom.model.MemoryEvents;
import dev.uoom.model.OomControl;
import dev.uoom.nativeio.CgroupEventControl;
import dev.uoom.nativeio.Errno;
import dev.uoom.nativeio.ErrnoException;
import dev.uoom.nativeio.EventFd;
import dev.uoom.nativeio.LibC;
import dev.uoom.nativeio.NativeFd;
import dev.uoom.nativeio.Poll;
import dev.uoom.nativeio.PsiTrigger;
import dev.uoom.parse.MemoryEventsParser;
import dev.uoom.parse.OomControlParser;
import dev.uoom.parse.ProcFormatException;
import dev.uoom.paths.CgroupPaths;

/**
 * Waits for events of one memory cgroup, event-driven, without a timer:
 * <ul>
 * <li>v2: {@code poll(POLLPRI)} on {@code memory.events}, which the kernel raises whenever a counter changes
 * (kernfs notifications, as for every cgroup v2 "events" file), plus an optional PSI trigger on
 * {@code memory.pressure};
 * <li>v1: the 2010 {@code memcg_oom_waiter} flow, an eventfd registered on {@code memory.oom_control} through
 * {@code cgroup.event_control}.
 * </ul>
 * {@link #next(Duration)} blocks one thread; {@link #wake()} may be called from any other.
 */
public final class MemcgWatch implements AutoCloseable {
    private final Memcg memcg;
    private final EventFd wakeFd;
    private final NativeFd eventsFd;
    private final PsiTrigger psi;
    private final String psiProblem;
    private final CgroupEventControl oomEvents;
    private final ArrayDeque<MemcgEvent> pending = new ArrayDeque<>();
    private MemoryEvents last = MemoryEvents.ZERO;

    private MemcgWatch(Memcg memcg, EventFd wakeFd, NativeFd eventsFd, PsiTrigger psi, String psiProblem,
            CgroupEventControl oomEvents) {
        this.memcg = memcg;
        this.wakeFd = wakeFd;
        this.eventsFd = eventsFd;
        this.psi = psi;
        this.psiProblem = psiProblem;
        this.oomEvents = oomEvents;
    }

    /**
     * Starts watching. The current counters are the baseline: the first event reports only what changes after
     * this call. On v1 the kernel signals at once if the group is already under OOM.
     *
     * @param psiTrigger a PSI trigger for v2 {@code memory.pressure}, such as {@code some 150000 1000000}, or
     *        {@code null} for none; if the kernel refuses it, the watch goes on without it (see
     *        {@link #description()})
     * @throws UoomException if the group's files cannot be opened
     */
    public static MemcgWatch open(Memcg memcg, String psiTrigger) throws UoomException {
        CgroupPaths paths = memcg.paths();
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            EventFd wake = EventFd.create();
            opened.add(wake);
            if (memcg.version() == CgroupPaths.Version.V1) {
                CgroupEventControl oom = CgroupEventControl.register(paths.resolve(CgroupPaths.EVENT_CONTROL),
                        paths.resolve(CgroupPaths.MEMORY_OOM_CONTROL));
                return new MemcgWatch(memcg, wake, null, null, null, oom);
            }
            NativeFd events = NativeFd.open(paths.resolve(CgroupPaths.MEMORY_EVENTS).toString(), LibC.O_RDONLY);
            opened.add(events);
            PsiTrigger trigger = null;
            String problem = null;
            if (psiTrigger != null) {
                Path pressure = paths.resolve(CgroupPaths.MEMORY_PRESSURE);
                try {
                    trigger = PsiTrigger.register(pressure, psiTrigger);
                } catch (ErrnoException e) {
                    problem = "PSI trigger \"" + psiTrigger + "\" on " + pressure + " refused: "
                            + Errno.describe(e.errno());
                }
            }
            MemcgWatch watch = new MemcgWatch(memcg, wake, events, trigger, problem, null);
            watch.last = watch.readEvents();
            return watch;
        } catch (ErrnoException e) {
            for (AutoCloseable c : opened) {
                closeQuietly(c, e);
            }
            throw new UoomException(e.getMessage(), e.errno(), e);
        } catch (UoomException e) {
            for (AutoCloseable c : opened) {
                closeQuietly(c, e);
            }
            throw e;
        }
    }

    /** The group watched. */
    public Memcg memcg() {
        return memcg;
    }

    /** What is watched, for a log line, such as {@code v2: memory.events, memory.pressure "some 1 2"}. */
    public String description() {
        if (oomEvents != null) {
            return "v1: eventfd on memory.oom_control via cgroup.event_control";
        }
        String d = "v2: poll memory.events";
        if (psi != null) {
            d += ", PSI trigger \"" + psi.spec() + "\" on memory.pressure";
        }
        return psiProblem == null ? d : d + " (" + psiProblem + ")";
    }

    /**
     * The next event, waiting at most {@code timeout}.
     *
     * @return empty after the timeout, a signal, or {@link #wake()}
     * @throws UoomException if a file cannot be read, or the group was removed
     */
    public Optional<MemcgEvent> next(Duration timeout) throws UoomException {
        if (!pending.isEmpty()) {
            return Optional.of(pending.removeFirst());
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis()));
        int[] fds;
        short[] events;
        if (oomEvents != null) {
            fds = new int[] {wakeFd.fd(), oomEvents.fd()};
            events = new short[] {LibC.POLLIN, LibC.POLLIN};
        } else if (psi != null) {
            fds = new int[] {wakeFd.fd(), eventsFd.fd(), psi.fd()};
            events = new short[] {LibC.POLLIN, LibC.POLLPRI, LibC.POLLPRI};
        } else {
            fds = new int[] {wakeFd.fd(), eventsFd.fd()};
            events = new short[] {LibC.POLLIN, LibC.POLLPRI};
        }
        try {
            short[] revents = Poll.poll(fds, events, millis);
            if ((revents[0] & LibC.POLLIN) != 0) {
                wakeFd.consume();
                return Optional.empty();
            }
            Instant now = Instant.now();
            if (oomEvents != null) {
                if ((revents[1] & LibC.POLLIN) != 0 && oomEvents.consume()) {
                    pending.add(new MemcgEvent(now, dir(), MemcgEvent.Source.OOM_CONTROL, MemoryEvents.ZERO,
                            MemoryEvents.ZERO, readOomControl()));
                }
            } else {
                // kernfs reports a change as POLLPRI | POLLERR: POLLERR here is not a failure.
                if ((revents[1] & LibC.POLLPRI) != 0) {
                    MemoryEvents now0 = readEvents();
                    MemoryEvents delta = now0.minus(last);
                    last = now0;
                    if (!delta.isZero()) {
                        pending.add(new MemcgEvent(now, dir(), MemcgEvent.Source.EVENTS, delta, now0, null));
                    }
                }
                if (psi != null && (revents[2] & LibC.POLLPRI) != 0) {
                    pending.add(new MemcgEvent(now, dir(), MemcgEvent.Source.PRESSURE, MemoryEvents.ZERO, last,
                            null));
                } else if (psi != null && (revents[2] & (LibC.POLLERR | LibC.POLLNVAL)) != 0) {
                    throw new UoomException(memcg.paths().resolve(CgroupPaths.MEMORY_PRESSURE)
                            + ": PSI trigger failed; was the group removed?", null);
                }
            }
        } catch (ErrnoException e) {
            throw new UoomException(e.getMessage(), e.errno(), e);
        }
        return Optional.ofNullable(pending.pollFirst());
    }

    /**
     * Takes the current counters as the new baseline and drops events not yet returned, such as those a
     * handler caused itself.
     */
    public void resync() throws UoomException {
        pending.clear();
        if (oomEvents != null) {
            try {
                oomEvents.consume();
            } catch (ErrnoException e) {
                throw new UoomException(e.getMessage(), e.errno(), e);
            }
        } else {
            last = readEvents();
        }
    }

    /** Makes a {@link #next(Duration)} in progress, or the next one, return empty at once. Any thread. */
    public void wake() {
        try {
            wakeFd.signal();
        } catch (ErrnoException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws UoomException {
        UoomException failure = null;
        for (AutoCloseable c : new AutoCloseable[] {psi, eventsFd, oomEvents, wakeFd}) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new UoomException("close failed: " + e.getMessage(), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private String dir() {
        return memcg.paths().dir().toString();
    }

    private MemoryEvents readEvents() throws UoomException {
        Path file = memcg.paths().resolve(CgroupPaths.MEMORY_EVENTS);
        try {
            return MemoryEventsParser.parse(new String(eventsFd.rereadAll(), StandardCharsets.US_ASCII));
        } catch (ErrnoException e) {
            throw Failures.unreadable(file, e);
        } catch (ProcFormatException e) {
            throw Failures.malformed(file, e);
        }
    }

    private OomControl readOomControl() throws UoomException {
        Path file = memcg.paths().resolve(CgroupPaths.MEMORY_OOM_CONTROL);
        try {
            return OomControlParser.parse(new String(oomEvents.controlFile().rereadAll(), StandardCharsets.US_ASCII));
        } catch (ErrnoException e) {
            throw Failures.unreadable(file, e);
        } catch (ProcFormatException e) {
            throw Failures.malformed(file, e);
        }
    }

    private static void closeQuietly(AutoCloseable c, Exception primary) {
        try {
            c.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }
}
