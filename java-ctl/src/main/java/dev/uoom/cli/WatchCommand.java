package dev.uoom.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.uoom.api.ModuleNotLoadedException;
import dev.uoom.api.OomNotifier;
import dev.uoom.api.UoomException;
import dev.uoom.model.PressureEvent;
import dev.uoom.nativeio.Errno;
import dev.uoom.nativeio.OomNotifyAbi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code uoom watch}: print memory-pressure events from {@code /dev/oom_notify} as they happen. */
@Command(name = "watch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Print memory-pressure events from /dev/oom_notify as the kernel delivers them, one line "
                + "each: LOW (kswapd woken, free memory below the low watermark, swap-out), MEDIUM (direct "
                + "reclaim), CRITICAL (reclaim retries failing), OOM (the OOM killer ran; then again with its "
                + "victim).",
            "Needs the uoom module. Runs until SIGINT, --count events or --timeout seconds."})
final class WatchCommand implements Callable<Integer> {
    /** The longest single wait; closing the notifier ends it early. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @Mixin
    private OutputMixin output;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "LOW",
            description = "Lowest level to report: LOW, MEDIUM, CRITICAL or OOM. Default: ${DEFAULT-VALUE}.")
    private PressureEvent.Level level;

    @Option(names = "--hysteresis", paramLabel = "MS", defaultValue = "0",
            description = "After an event, coalesce events of the same or a lower level for MS milliseconds. "
                + "Default: ${DEFAULT-VALUE}.")
    private int hysteresisMs;

    @Option(names = "--count", paramLabel = "N", description = "Exit after N events.")
    private Integer count;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Exit after SECONDS.")
    private Double timeout;

    @Option(names = "--device", paramLabel = "PATH", defaultValue = OomNotifyAbi.DEVICE,
            description = "The notification device. Default: ${DEFAULT-VALUE}.")
    private Path device;

    @Override
    public Integer call() throws Exception {
        if (level == PressureEvent.Level.NONE) {
            throw new ParameterException(spec.commandLine(), "--level must be LOW, MEDIUM, CRITICAL or OOM");
        }
        if (count != null && count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
        if (hysteresisMs < 0) {
            throw new ParameterException(spec.commandLine(), "--hysteresis must not be negative");
        }
        Duration limit = MemcgCommand.seconds(spec, "--timeout", timeout);
        long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        int seen = 0;
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicReference<OomNotifier> open = new AtomicReference<>();
        StopOnSignal hook = new StopOnSignal("uoom-watch-stop", () -> {
            stopped.set(true);
            closeQuietly(open.get());
        });
        try (OomNotifier notifier = open()) {
            open.set(notifier);
            spec.commandLine().getErr().println("uoom: watching " + device + " from level " + level);
            spec.commandLine().getErr().flush();
            while (!stopped.get() && (count == null || seen < count)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                for (PressureEvent e : notifier.poll(Duration.ofNanos(Math.min(left, MAX_WAIT.toNanos())))) {
                    output.print(PressureEventReport.of(Instant.now(), e), (r, out) -> out.println(r.text()));
                    if (count != null && ++seen >= count) {
                        break;
                    }
                }
            }
        } finally {
            hook.close();
        }
        return ExitCodes.OK;
    }

    /** Opens {@code --device}; a missing device means the module is not loaded only if it is the default one. */
    private OomNotifier open() throws UoomException {
        try {
            return OomNotifier.open(device, level, Duration.ofMillis(hysteresisMs));
        } catch (ModuleNotLoadedException e) {
            if (device.equals(Path.of(OomNotifyAbi.DEVICE))) {
                throw e;
            }
            throw new UoomException("cannot open " + device + ": " + Errno.describe(Errno.ENOENT.code()),
                    Errno.ENOENT.code(), e);
        }
    }

    private static void closeQuietly(OomNotifier notifier) {
        if (notifier == null) {
            return;
        }
        try {
            notifier.close();
        } catch (Exception e) {
            // Shutting down: nothing to report it to.
        }
    }
}
