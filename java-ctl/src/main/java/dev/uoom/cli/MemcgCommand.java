package dev.uoom.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.uoom.api.Memcg;
import dev.uoom.api.MemcgWatch;
import dev.uoom.api.UoomException;
import dev.uoom.daemon.DaemonConfig;
import dev.uoom.daemon.DaemonLog;
import dev.uoom.daemon.MemcgHandler;
import dev.uoom.model.MemcgEvent;
import dev.uoom.nativeio.Signals;
import dev.uoom.paths.CgroupPaths;
import dev.uoom.policy.PolicyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code uoom memcg}: watch a memory cgroup, and handle its OOM from user space. Needs no uoom module. */
@Command(name = "memcg",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Watch a memory cgroup (v2 or v1) and handle its OOM from user space. Works without the uoom "
                + "module.",
            "CGROUP is a directory, such as /sys/fs/cgroup/box, or a path under /sys/fs/cgroup, such as box."},
        subcommands = {MemcgCommand.Watch.class, MemcgCommand.Handle.class})
final class MemcgCommand implements Callable<Integer> {
    /** Memory stalled 150 ms within 1 s, as the daemon's default. */
    static final String DEFAULT_PSI = DaemonConfig.DEFAULT_PSI_TRIGGER;
    /** The longest single wait; {@link MemcgWatch#wake()} ends it early. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);
    /** The longest time an option takes (31 years): its nanoseconds still fit a long. */
    static final long MAX_SECONDS = 1_000_000_000;
    /** How long a signal waits for {@code memcg handle} to thaw the group and restore the limits. */
    private static final Duration RESTORE_WAIT = Duration.ofSeconds(30);

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /**
     * Runs {@code body} for each event until it returns false, {@code timeout} passes, or a signal arrives.
     *
     * @param hook makes the stop hook from its stop action, such as {@code r -> new StopOnSignal(name, r)}
     */
    static boolean loop(MemcgWatch watch, Duration timeout, Function<Runnable, StopOnSignal> hook, EventBody body)
            throws UoomException, IOException, InterruptedException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        AtomicBoolean stopped = new AtomicBoolean();
        StopOnSignal stop = hook.apply(() -> {
            stopped.set(true);
            watch.wake();
        });
        try {
            while (!stopped.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                Optional<MemcgEvent> event = watch.next(Duration.ofNanos(Math.min(left, MAX_WAIT.toNanos())));
                if (event.isPresent() && !body.accept(event.get())) {
                    return true;
                }
            }
            return false;
        } finally {
            stop.close();
        }
    }

    interface EventBody {
        /** Returns whether to go on. */
        boolean accept(MemcgEvent event) throws UoomException, IOException, InterruptedException;
    }

    /**
     * {@code value} seconds as a duration, for options such as {@code --timeout}; null stays null.
     *
     * @throws ParameterException if negative, not a number, or above {@link #MAX_SECONDS}
     */
    static Duration seconds(CommandSpec spec, String option, Double value) {
        if (value == null) {
            return null;
        }
        if (!(value >= 0)) {
            throw new ParameterException(spec.commandLine(), option + " must not be negative, got " + value);
        }
        if (value > MAX_SECONDS) {
            throw new ParameterException(spec.commandLine(), option + " must be at most " + MAX_SECONDS
                    + " seconds, got " + value);
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }

    /** {@code uoom memcg watch}. */
    @Command(name = "watch",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {"Print the events of a memory cgroup as they happen, one line each.",
                "v2: the growth of the memory.events counters (high, max, oom, oom_kill, ...), woken by poll(POLLPRI) "
                    + "on memory.events, and the firing of a PSI trigger on memory.pressure.",
                "v1: each OOM of the group (under_oom), woken by an eventfd registered on memory.oom_control through "
                    + "cgroup.event_control, as the 2010 memcg_oom_waiter.",
                "Runs until SIGINT, --count events or --timeout seconds."})
    static final class Watch implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private OutputMixin output;

        @Parameters(index = "0", paramLabel = "CGROUP", description = "The memory cgroup.")
        private String cgroup;

        @Option(names = "--count", paramLabel = "N", description = "Exit after N events.")
        private Integer count;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "Exit after SECONDS.")
        private Double timeout;

        @Option(names = "--psi", paramLabel = "TRIGGER", defaultValue = DEFAULT_PSI,
                description = "PSI trigger on memory.pressure (v2), \"some|full STALL_US WINDOW_US\". "
                    + "Default: ${DEFAULT-VALUE}.")
        private String psi;

        @Option(names = "--no-psi", description = "No PSI trigger: memory.events only.")
        private boolean noPsi;

        @Override
        public Integer call() throws Exception {
            if (count != null && count < 1) {
                throw new ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
            }
            Duration limit = seconds(spec, "--timeout", timeout);
            if (!noPsi) {
                try {
                    DaemonConfig.checkPsiTrigger("--psi", psi);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
            }
            Memcg memcg = Memcg.open(CgroupPaths.of(cgroup));
            int[] seen = {0};
            try (MemcgWatch watch = MemcgWatch.open(memcg, noPsi ? null : psi)) {
                spec.commandLine().getErr().println("uoom: watching " + memcg.paths().dir() + " ("
                        + watch.description() + ")");
                spec.commandLine().getErr().flush();
                loop(watch, limit, stop -> new StopOnSignal("uoom-memcg-watch-stop", stop), event -> {
                    MemcgEventReport report = MemcgEventReport.of(event);
                    output.print(report, (r, out) -> out.println(r.text()));
                    seen[0]++;
                    return count == null || seen[0] < count;
                });
            }
            return ExitCodes.OK;
        }
    }

    /** {@code uoom memcg handle}. */
    @Command(name = "handle",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {"Handle a memory cgroup's OOM the \"moderate\" way of the 2010 memcg OOM notifier: when "
                    + "the group reaches a limit, 1 freeze it (cgroup.freeze; SIGSTOP on v1), 2 choose a victim "
                    + "among its processes with --policy, 3 kill it (or send --signal), 4 raise its limits by "
                    + "--raise, 5 thaw it, and after --hold seconds 6 restore the limits. Every step is logged "
                    + "to stderr with a timestamp.",
                "v2 reacts to memory.events high, max or oom; since the kernel OOM-kills at memory.max at once, "
                    + "set memory.high below memory.max so tasks are throttled while the handler works. v1 reacts "
                    + "to under_oom; set oom_kill_disable so tasks wait."})
    static final class Handle implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CGROUP", description = "The memory cgroup.")
        private String cgroup;

        @Option(names = "--raise", paramLabel = "BYTES|PERCENT", defaultValue = "25%",
                description = "Raise each limit by this many bytes (K, M, G suffixes) or percent. "
                    + "Default: ${DEFAULT-VALUE}.")
        private String raise;

        @Option(names = "--hold", paramLabel = "SECONDS", defaultValue = "10",
                description = "Keep the raised limits this long. Default: ${DEFAULT-VALUE}.")
        private double hold;

        @Option(names = "--policy", paramLabel = "POLICY",
                description = "Victim policy: ${COMPLETION-CANDIDATES}. Default: that of --config, else modern.")
        private PolicyKind policy;

        @Option(names = "--config", paramLabel = "FILE", description = "Daemon configuration whose policy and "
                + "rules to use.")
        private Path config;

        @Option(names = "--signal", paramLabel = "SIGNAL", defaultValue = "SIGKILL",
                description = "SIGKILL kills the victim; another signal, such as SIGUSR1, asks it to shrink. "
                    + "Default: ${DEFAULT-VALUE}.")
        private String signal;

        @Option(names = "--dry-run", description = "Log the steps it would take; change nothing.")
        private boolean dryRun;

        @Option(names = "--once", description = "Handle one event, then exit.")
        private boolean once;

        @Option(names = "--timeout", paramLabel = "SECONDS",
                description = "Stop after SECONDS (exit code 0); with --once, exit code 1 if no event came "
                    + "within SECONDS.")
        private Double timeout;

        @Override
        public Integer call() throws Exception {
            MemcgHandler.Raise by;
            int sig;
            try {
                by = MemcgHandler.Raise.parse(raise);
                sig = Signals.number(signal);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Duration holdFor = seconds(spec, "--hold", hold);
            Duration limit = seconds(spec, "--timeout", timeout);
            DaemonConfig settings = RankCommand.settings(spec, config, policy);
            UoomCommand root = (UoomCommand) spec.root().userObject();
            Logger log = DaemonLog.create(spec.commandLine().getErr(), root.verbose() ? Level.FINE : Level.INFO);
            Memcg memcg = Memcg.open(CgroupPaths.of(cgroup));
            MemcgHandler handler = new MemcgHandler(memcg, new MemcgHandler.Settings(by, holdFor,
                    settings.createPolicy(), sig, dryRun), root.uoom().scanner(log::warning), log);
            int[] handled = {0};
            try (MemcgWatch watch = MemcgWatch.open(memcg, null)) {
                log.info("watching " + memcg.paths().dir() + " (" + watch.description() + "); raise " + by + ", hold "
                        + holdFor.toMillis() / 1000.0 + " s, " + Signals.name(sig) + (dryRun ? ", dry run" : ""));
                // A signal during the hold interrupts it; the handler restores the limits before the JVM exits.
                loop(watch, limit, stop -> StopOnSignal.interrupting("uoom-memcg-handle-stop", stop, RESTORE_WAIT,
                        spec.commandLine().getErr()), event -> {
                    if (!event.limitReached()) {
                        return true;
                    }
                    try {
                        handler.handle(event);
                    } catch (InterruptedException e) {
                        handled[0]++;
                        log.info("stopped by a signal during the hold");
                        return false;
                    }
                    handled[0]++;
                    watch.resync();
                    return !once;
                });
            }
            if (once && handled[0] == 0) {
                log.warning("no limit event" + (limit == null ? "" : " within " + timeout + " s") + "; nothing handled");
                return ExitCodes.ERROR;
            }
            return ExitCodes.OK;
        }
    }
}
