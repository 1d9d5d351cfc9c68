package dev.uoom.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;

import dev.uoom.api.LiveProcess;
import dev.uoom.api.ModuleNotLoadedException;
import dev.uoom.api.OomNotifier;
import dev.uoom.api.OomQueue;
import dev.uoom.api.ProcessScanner;
import dev.uoom.api.Uoom;
import dev.uoom.api.UoomException;
import dev.uoom.model.ModuleStatus;
import dev.uoom.model.PressureEvent;
import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.ProcStatus;
import dev.uoom.model.QueueEntry;
import dev.uoom.model.SystemSnapshot;
import dev.uoom.nativeio.Errno;
import dev.uoom.nativeio.ErrnoException;
import dev.uoom.nativeio.EventFd;
import dev.uoom.nativeio.KernelFiles;
import dev.uoom.nativeio.OomProtectAbi;
import dev.uoom.nativeio.LibC;
import dev.uoom.nativeio.MemoryLock;
import dev.uoom.nativeio.PidFd;
import dev.uoom.nativeio.Poll;
import dev.uoom.nativeio.PsiTrigger;
import dev.uoom.nativeio.Signals;
import dev.uoom.nativeio.Syscalls;
import dev.uoom.parse.ProcFormatException;
import dev.uoom.parse.ProcStatusParser;
import dev.uoom.policy.Policy;
import dev.uoom.policy.Ranked;
import dev.uoom.policy.Ranking;
import dev.uoom.policy.Rule;
import dev.uoom.policy.RulesPolicy;

/**
 * Keeps {@code /proc/oom} current: ranks the processes with the configured policy and writes the first
 * {@code queue-length} of them whenever the order changes. It re-ranks when {@code /dev/oom_notify} reports
 * pressure at or above {@code notify.level} (see {@link PressureConfig}; at CRITICAL it also runs
 * {@code on-critical}, at OOM it logs the kernel's victim), or, without the device, when the PSI trigger on
 * {@code /proc/pressure/memory} fires; and at least every {@code rerank-interval}. The daemon never queues itself. Every decision is logged as one line. In advisory mode it ranks the
 * queue head with its own {@code oom_score_adj}, not the 1000 the module gave it.
 * <p>
 * Call {@link #start()} once, then {@link #rankOnce} or {@link #run()}; {@link #stop()} and {@link #reload()} may
 * be called from any thread, for example a shutdown hook or a SIGHUP handler. A reload reads the configuration
 * again at the next loop iteration; a bad one is logged and the running one kept. Under systemd
 * ({@link SystemdNotifier}) it reports readiness, status, reloads, stopping and watchdog pings. When the daemon stops, the queue stays in place: the kernel keeps using
 * it.
 */
public final class Daemon {
    /** Where {@link #reload()} reads the configuration from. */
    @FunctionalInterface
    public interface ConfigSource {
        /** The configuration as it is now. */
        DaemonConfig load() throws ConfigException;
    }

    private static final long PSI_UNPRIVILEGED_WINDOW_US = 2_000_000;
    private static final int WRITE_ATTEMPTS = 3;
    /** The daemon's own status, for its capabilities: the real one even when the proc root is a fixture. */
    private static final Path SELF_STATUS = Path.of("/proc/self/status");

    private final Uoom uoom;
    private final ConfigSource configSource;
    private final SystemdNotifier systemd;
    private final boolean dryRun;
    private final Logger log;
    /** Replaced only by the loop thread, on reload. */
    private volatile DaemonConfig config;
    private Policy policy;
    private final OomQueue queue;
    private final int selfPid;

    private final AdvisoryBoost advisoryBoost = new AdvisoryBoost();
    private ProcessScanner scanner;
    private int queueLength;
    private OptionalLong queueMax = OptionalLong.empty();
    private volatile boolean stopped;
    private volatile boolean reloadRequested;
    private String status = "starting";
    private volatile EventFd wake;
    private List<Integer> lastQueue = List.of();

    /**
     * @param uoom the kernel to work on
     * @param config the configuration
     * @param dryRun log what would be written, but write nothing: neither the queue nor the daemon's own
     *        {@code oom_score_adj}, and lock no memory
     * @param log where decisions go
     */
    public Daemon(Uoom uoom, DaemonConfig config, boolean dryRun, Logger log) {
        this(uoom, config, () -> config, SystemdNotifier.disabled(), dryRun, log);
    }

    /**
     * @param configSource what {@link #reload()} reads, such as the file {@code config} came from
     * @param systemd where readiness and status go
     */
    public Daemon(Uoom uoom, DaemonConfig config, ConfigSource configSource, SystemdNotifier systemd,
            boolean dryRun, Logger log) {
        this.uoom = Objects.requireNonNull(uoom, "uoom");
        this.config = Objects.requireNonNull(config, "config");
        this.configSource = Objects.requireNonNull(configSource, "configSource");
        this.systemd = Objects.requireNonNull(systemd, "systemd");
        this.dryRun = dryRun;
        this.log = Objects.requireNonNull(log, "log");
        this.policy = config.createPolicy();
        this.queue = uoom.queue();
        this.selfPid = Math.toIntExact(ProcessHandle.current().pid());
    }

    /**
     * Checks that the module is loaded, caps the queue length at its {@code queue_max}, and protects the
     * daemon: {@code mlockall} and its own {@code oom_score_adj}, as configured. Failures to protect are logged
     * and do not stop the daemon.
     *
     * @throws ModuleNotLoadedException if the module is not loaded (a dry run goes on without it)
     * @throws UoomException if the module's status or the system configuration cannot be read, or the pidfd
     *         system call numbers of this architecture are not known
     */
    public void start() throws UoomException {
        try {
            Syscalls.current();
        } catch (UnsupportedOperationException e) {
            // At once, not at the first signal under pressure.
            throw new UoomException(e.getMessage(), e);
        }
        String mode;
        try {
            ModuleStatus status = uoom.status();
            mode = status.mode().kernelName();
            queueMax = status.queueMax();
        } catch (ModuleNotLoadedException e) {
            if (!dryRun) {
                throw e;
            }
            mode = "not loaded";
        }
        queueLength = queueLength(config);
        log.info("starting" + (dryRun ? " (dry run)" : "") + ": pid " + selfPid + ", module " + mode + ", policy "
                + policyDescription() + ", queue length " + queueLength + ", rerank interval "
                + DaemonConfig.seconds(config.rerankInterval()));
        if (!dryRun) {
            protectSelf();
            warmUpOnCritical();
        }
        scanner = scanner(config, policy);
    }

    /** The configured queue length, capped (logged) at the module's {@code queue_max}. */
    private int queueLength(DaemonConfig c) {
        if (queueMax.isPresent() && queueMax.getAsLong() < c.queueLength()) {
            log.info("queue-length " + c.queueLength() + " is above the module's queue_max; writing "
                    + queueMax.getAsLong() + " pids");
            return (int) queueMax.getAsLong();
        }
        return c.queueLength();
    }

    private ProcessScanner scanner(DaemonConfig c, Policy p) throws UoomException {
        ProcessScanner s = uoom.scanner(log::warning);
        if (!p.readsCommandLine() && !Rule.anyOnCommandLine(c.protect())
                && !Rule.anyOnCommandLine(c.pressure().criticalMatch())) {
            // No rule looks at it: reading /proc/PID/cmdline would only risk blocking on a thrashing process.
            return s.withoutCommandLines();
        }
        return s;
    }

    /** The configuration in use: the last one {@link #reload()} read successfully. */
    public DaemonConfig config() {
        return config;
    }

    /** Asks {@link #run()} to read the configuration again at its next iteration. Safe from any thread. */
    public void reload() {
        reloadRequested = true;
        wake();
    }

    /**
     * Reads the configuration from the source: a good one replaces the running one, a bad one is logged and
     * the running one kept. Tells systemd {@code RELOADING=1}, then {@code READY=1}.
     *
     * @return whether the configuration was replaced
     */
    boolean applyReload() {
        reloadRequested = false;
        systemd.reloading();
        try {
            DaemonConfig next = configSource.load();
            DaemonConfig old = config;
            Policy nextPolicy = next.createPolicy();
            ProcessScanner nextScanner = scanner == null ? null : scanner(next, nextPolicy);
            config = next;
            policy = nextPolicy;
            queueLength = queueLength(next);
            scanner = nextScanner;
            log.info("reloaded the configuration: policy " + policyDescription() + ", queue length " + queueLength
                    + ", rerank interval " + DaemonConfig.seconds(next.rerankInterval())
                    + (next.mlock() == old.mlock() && next.selfOomScoreAdj().equals(old.selfOomScoreAdj()) ? ""
                    : "; protect-self changes take effect at the next start"));
            if (!dryRun && next.pressure().criticalSignal().isPresent()
                    && !next.pressure().criticalSignal().equals(old.pressure().criticalSignal())) {
                warmUpOnCritical();
            }
            return true;
        } catch (UoomException e) {
            log.warning("reload failed, keeping the running configuration: " + e.getMessage());
            return false;
        } finally {
            systemd.ready(status);
        }
    }

    /**
     * Opens a pidfd for itself and sends signal 0 through it, which only checks: memory is locked as it is
     * faulted in, so what first runs at CRITICAL would otherwise load its classes under pressure.
     */
    private void warmUpOnCritical() {
        if (config.pressure().criticalSignal().isEmpty()) {
            return;
        }
        try (PidFd self = PidFd.open(selfPid)) {
            self.sendSignal(0);
            self.releaseMemory();
        } catch (ErrnoException e) {
            if (!Errno.EINVAL.is(e.errno())) {
                log.warning("on-critical: pidfd signals do not work here: " + e.getMessage());
            }
        }
        try {
            missingCapKill(ProcStatusParser.parse(KernelFiles.readString(SELF_STATUS)),
                    config.pressure().criticalSignal().getAsInt()).ifPresent(log::warning);
        } catch (IOException | ProcFormatException e) {
            log.warning("on-critical: cannot read " + SELF_STATUS + " to check for CAP_KILL: " + e.getMessage());
        }
    }

    /** The warning for an on-critical signal that {@code self}, lacking {@code CAP_KILL}, cannot send to all. */
    static Optional<String> missingCapKill(ProcStatus self, int signal) {
        if (self.hasCapability(ProcStatus.CAP_KILL)) {
            return Optional.empty();
        }
        return Optional.of("on-critical: no CAP_KILL; " + Signals.name(signal) + " reaches only processes of uid "
                + self.uid() + (self.euid() == self.uid() ? "" : " or " + self.euid())
                + " (systemd: add CAP_KILL to CapabilityBoundingSet)");
    }

    /**
     * The argv that runs the on-critical {@code command} with {@code /bin/sh -c}, after setting its own
     * {@code oom_score_adj} to 0: it would inherit the daemon's -1000 and never be OOM-killed. Raising one's
     * own value needs no privilege. The command is passed as {@code $0}, so it is never re-quoted.
     */
    static List<String> criticalCommandArgv(String command) {
        return List.of("/bin/sh", "-c", "echo 0 >/proc/self/oom_score_adj; exec /bin/sh -c \"$0\"", command);
    }

    /**
     * Ranks once and writes the queue if it changed. A process that exits between the ranking and the write
     * makes the module refuse it ({@code ESRCH}); the daemon then ranks again, up to three times.
     *
     * @param trigger why, for the log: such as {@code psi} or {@code timer}
     * @throws IllegalStateException if {@link #start()} was not called
     * @throws UoomException if {@code /proc} cannot be read or the module refuses the write
     */
    public Decision rankOnce(String trigger) throws UoomException {
        if (scanner == null) {
            throw new IllegalStateException("start() first");
        }
        for (int attempt = 1;; attempt++) {
            try {
                Decision decision = decide(trigger);
                log.log(decision.action() == Decision.Action.UNCHANGED && trigger.equals("timer")
                        ? Level.FINE : Level.INFO, decision.logLine());
                return decision;
            } catch (UoomException e) {
                if (!Errno.ESRCH.is(e.errno()) || attempt == WRITE_ATTEMPTS) {
                    throw e;
                }
                log.info(e.getMessage() + "; ranking again");
            }
        }
    }

    private Decision decide(String trigger) throws UoomException {
        SystemSnapshot snapshot = advisoryBoost.undo(scanner.scan(), currentStatus());
        Set<Integer> skip = new HashSet<>(protectListed(snapshot));
        skip.add(selfPid);
        Ranking ranking = Ranking.of(policy, snapshot, skip);
        List<Ranked> chosen = ranking.queue().subList(0, Math.min(queueLength, ranking.queue().size()));
        List<Integer> previous = currentQueue();
        List<Integer> pids = chosen.stream().map(r -> r.process().pid()).toList();
        Decision.Action action;
        if (pids.equals(previous)) {
            action = Decision.Action.UNCHANGED;
        } else if (dryRun) {
            action = Decision.Action.DRY_RUN;
        } else {
            List<QueueEntry> entries = chosen.stream().map(r -> r.process().queueEntry()).toList();
            queue.write(entries);
            action = Decision.Action.WRITTEN;
        }
        lastQueue = pids;
        return new Decision(trigger, policy.name(), action, chosen, previous);
    }

    /**
     * Protects the processes that match the {@code protect:} entries and are not protected yet; logs each.
     *
     * @return the pids matched, which the ranking leaves out
     */
    private Set<Integer> protectListed(SystemSnapshot snapshot) {
        Set<Integer> matched = new HashSet<>();
        for (ProcessSnapshot p : snapshot.processes()) {
            Optional<String> why = config.protect().stream().map(r -> r.match(p).map(v -> r + " (" + v + ")"))
                    .flatMap(Optional::stream).findFirst();
            if (why.isEmpty() || p.pid() == selfPid) {
                continue;
            }
            matched.add(p.pid());
            if (p.oomScoreAdj() == ProcessSnapshot.OOM_SCORE_ADJ_MIN) {
                continue;
            }
            if (dryRun) {
                log.info("would protect pid " + p.pid() + " " + p.name() + ": " + why.get());
                continue;
            }
            try {
                if (uoom.protection().protect(p.queueEntry())) {
                    log.info("protected pid " + p.pid() + " " + p.name() + " (oom_score_adj was " + p.oomScoreAdj()
                            + "): " + why.get());
                } else {
                    log.info("pid " + p.pid() + " " + p.name() + " exited or its pid was reused; not protected");
                }
            } catch (UoomException e) {
                log.warning(e.getMessage());
            }
        }
        return matched;
    }

    /** The module's status, or {@code null} in a dry run without the module. */
    private ModuleStatus currentStatus() throws UoomException {
        try {
            return uoom.status();
        } catch (UoomException e) {
            if (dryRun) {
                return null;
            }
            throw e;
        }
    }

    private List<Integer> currentQueue() throws UoomException {
        try {
            return queue.list();
        } catch (UoomException e) {
            if (dryRun) {
                return List.of();
            }
            throw e;
        }
    }

    /**
     * Ranks at once, then whenever the PSI trigger fires or the rerank interval passes, until {@link #stop()}.
     * A failure that may pass (such as {@code ENOMEM} or a malformed file of a process being created) is logged
     * and the daemon goes on; the module going away, or a permission error, ends it.
     *
     * @throws UoomException on a failure that will not pass by itself
     */
    public void run() throws UoomException {
        if (scanner == null) {
            throw new IllegalStateException("start() first");
        }
        EventFd wakeFd;
        try {
            wakeFd = EventFd.create();
        } catch (ErrnoException e) {
            throw new UoomException(e.getMessage(), e.errno(), e);
        }
        wake = wakeFd;
        OomNotifier notifier = openNotifier();
        PsiTrigger psi = notifier == null ? openPsi() : null;
        Watchdog watchdog = new Watchdog();
        try {
            String trigger = "start";
            boolean ready = false;
            long nextRank = System.nanoTime();
            while (!stopped) {
                if (trigger != null) {
                    cycle(trigger);
                    nextRank = System.nanoTime() + config.rerankInterval().toNanos();
                    if (ready) {
                        systemd.status(status);
                    } else {
                        systemd.ready(status);
                        ready = true;
                    }
                }
                trigger = null;
                watchdog.pingIfDue();
                int[] fds = {wakeFd.fd(), psi == null ? -1 : psi.fd(), notifier == null ? -1 : notifier.fd()};
                short[] events = {LibC.POLLIN, LibC.POLLPRI, LibC.POLLIN};
                short[] revents = poll(fds, events, watchdog.timeoutMillis(nextRank));
                if (stopped) {
                    continue;
                }
                if (consume(wakeFd)) {
                    if (reloadRequested) {
                        PressureConfig oldPressure = config.pressure();
                        boolean oldPsi = config.psi();
                        String oldTrigger = config.psiTrigger();
                        if (applyReload() && (!oldPressure.equals(config.pressure()) || oldPsi != config.psi()
                                || !oldTrigger.equals(config.psiTrigger()))) {
                            close(notifier);
                            close(psi);
                            notifier = openNotifier();
                            psi = notifier == null ? openPsi() : null;
                        }
                        trigger = "reload";
                    }
                    continue;
                }
                if (psi != null && (revents[1] & (LibC.POLLERR | LibC.POLLHUP | LibC.POLLNVAL)) != 0) {
                    log.warning("PSI trigger on " + uoom.procPaths().pressureMemory() + " failed; re-ranking every "
                            + DaemonConfig.seconds(config.rerankInterval()) + " only");
                    close(psi);
                    psi = null;
                } else if (psi != null && (revents[1] & LibC.POLLPRI) != 0) {
                    trigger = "psi";
                }
                if (notifier != null && (revents[2] & (LibC.POLLERR | LibC.POLLHUP | LibC.POLLNVAL)) != 0) {
                    log.warning(config.pressure().device() + " failed; falling back to PSI");
                    close(notifier);
                    notifier = null;
                    psi = openPsi();
                } else if (notifier != null && (revents[2] & LibC.POLLIN) != 0) {
                    trigger = onPressure(notifier.readReady());
                }
                if (trigger == null && System.nanoTime() - nextRank >= 0) {
                    trigger = "timer";
                }
            }
            log.info("stopped; /proc/oom keeps the last queue");
        } finally {
            wake = null;
            close(notifier);
            close(psi);
            close(wakeFd);
        }
    }

    /**
     * Reacts to pressure events from {@code /dev/oom_notify}: logs each; at OOM logs the victim the kernel chose
     * and where it stood in the queue; at CRITICAL and OOM runs {@code on-critical} once for the batch.
     *
     * @return the trigger for the re-ranking that follows, such as {@code notify-low}; {@code null} if none
     */
    String onPressure(List<PressureEvent> events) {
        String trigger = null;
        boolean critical = false;
        for (PressureEvent e : events) {
            log.info("pressure " + e.level() + " (" + e.source().name().toLowerCase(Locale.ROOT) + "): MemAvailable "
                    + e.memAvailableKb() + " kB, free " + e.freeKb() + " kB" + (e.count() == 1 ? ""
                    : ", " + e.count() + " events"));
            if (e.level() == PressureEvent.Level.OOM) {
                logVictim(e.victimPid());
            }
            critical |= e.level().compareTo(PressureEvent.Level.CRITICAL) >= 0;
            trigger = "notify-" + e.level().name().toLowerCase(Locale.ROOT);
        }
        if (critical && config.pressure().actsOnCritical()) {
            onCritical();
        }
        return trigger;
    }

    private void logVictim(int pid) {
        if (pid <= 0) {
            log.info("oom: the kernel did not name its victim");
            return;
        }
        int position = lastQueue.indexOf(pid);
        log.info("oom: the kernel killed pid " + pid + (position < 0 ? ", which was not in the queue"
                : ", position " + (position + 1) + " of the queue"));
    }

    /** {@code on-critical}: the signal to every matching process, and the command. */
    private void onCritical() {
        PressureConfig p = config.pressure();
        String would = dryRun ? "would " : "";
        if (p.criticalSignal().isPresent()) {
            int signal = p.criticalSignal().getAsInt();
            try {
                for (ProcessSnapshot process : scanner.scan().processes()) {
                    if (process.pid() == selfPid || process.isKernelThread() || !p.matchesCritical(process)) {
                        continue;
                    }
                    if (dryRun) {
                        log.info("on-critical: would send " + Signals.name(signal) + " to pid " + process.pid() + " ("
                                + process.name() + ")");
                        continue;
                    }
                    signal(process, signal);
                }
            } catch (UoomException e) {
                log.warning("on-critical: cannot read /proc: " + e.getMessage());
            }
        }
        if (p.criticalCommand() != null) {
            if (dryRun) {
                log.info("on-critical: " + would + "run: " + p.criticalCommand());
                return;
            }
            try {
                Process child = new ProcessBuilder(criticalCommandArgv(p.criticalCommand()))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                log.info("on-critical: started pid " + child.pid() + ": " + p.criticalCommand());
            } catch (IOException e) {
                log.warning("on-critical: cannot run \"" + p.criticalCommand() + "\": " + e.getMessage());
            }
        }
    }

    /** Sends {@code signal} to {@code process}, unless its pid now names another process. */
    private void signal(ProcessSnapshot process, int signal) {
        String what = "on-critical: " + Signals.name(signal) + " to pid " + process.pid();
        try (LiveProcess live = LiveProcess.open(process.queueEntry()).orElse(null)) {
            if (live == null) {
                log.info("on-critical: pid " + process.pid() + " (" + process.name() + ") exited or its pid was "
                        + "reused; not signalled");
                return;
            }
            boolean released = live.signal(signal);
            log.info(what + " (" + process.name() + ")" + (released ? ", memory released" : ""));
        } catch (ErrnoException e) {
            log.warning(what + " failed: " + Errno.describe(e.errno()));
        } catch (UoomException e) {
            log.warning(what + " failed: " + e.getMessage());
        }
    }

    /** Opens {@code /dev/oom_notify} as configured; {@code null} (logged) if disabled or absent. */
    private OomNotifier openNotifier() {
        PressureConfig p = config.pressure();
        if (!p.useDevice()) {
            return null;
        }
        try {
            OomNotifier n = OomNotifier.open(p.device(), p.level(), p.hysteresis());
            log.info("notifications from " + p.device() + " at " + p.level() + " and above; re-ranking on each"
                    + (p.actsOnCritical() ? ", on-critical at CRITICAL" : ""));
            return n;
        } catch (UoomException e) {
            log.info(p.device() + " unavailable (" + e.getMessage() + "); using PSI");
            return null;
        }
    }

    /** Makes {@link #run()} return after the ranking in progress, if any. Safe from any thread. */
    public void stop() {
        stopped = true;
        systemd.stopping();
        wake();
    }

    private void wake() {
        EventFd fd = wake;
        if (fd != null) {
            try {
                fd.signal();
            } catch (ErrnoException e) {
                log.warning("cannot wake the daemon: " + e.getMessage());
            }
        }
    }

    /** Ranks; a failure that may pass is logged. Sets the status line for systemd either way. */
    private void cycle(String trigger) throws UoomException {
        long began = System.nanoTime();
        try {
            Decision d = rankOnce(trigger);
            status = "queued " + d.queued().size() + " pids, last re-rank "
                    + (System.nanoTime() - began) / 1_000_000 + " ms (" + trigger + ")";
        } catch (ModuleNotLoadedException e) {
            throw e;
        } catch (UoomException e) {
            if (Errno.EPERM.is(e.errno()) || Errno.EACCES.is(e.errno()) || Errno.EINVAL.is(e.errno())
                    || Errno.E2BIG.is(e.errno())) {
                throw e;
            }
            log.warning("ranking failed, trying again in " + DaemonConfig.seconds(config.rerankInterval()) + ": "
                    + e.getMessage());
            status = "ranking failed (" + trigger + "): " + e.getMessage();
        }
    }

    /** {@code WATCHDOG=1} at half of systemd's {@code WatchdogSec}, from the loop, so a stuck loop is seen. */
    private final class Watchdog {
        private final long intervalNanos = systemd.watchdogInterval().map(Duration::toNanos).orElse(0L);
        private long next = System.nanoTime();

        void pingIfDue() {
            if (intervalNanos > 0 && System.nanoTime() - next >= 0) {
                systemd.watchdog();
                next = System.nanoTime() + intervalNanos;
            }
        }

        /** How long the loop may wait: until the next ranking or the next ping, whichever is first. */
        int timeoutMillis(long nextRank) {
            long now = System.nanoTime();
            long until = nextRank - now;
            if (intervalNanos > 0) {
                until = Math.min(until, next - now);
            }
            return (int) Math.max(0, Math.min(Integer.MAX_VALUE, (until + 999_999) / 1_000_000));
        }
    }

    private static boolean consume(EventFd fd) throws UoomException {
        try {
            return fd.consume();
        } catch (ErrnoException e) {
            throw new UoomException(e.getMessage(), e.errno(), e);
        }
    }

    private static short[] poll(int[] fds, short[] events, int timeout) throws UoomException {
        try {
            return Poll.poll(fds, events, timeout);
        } catch (ErrnoException e) {
            throw new UoomException(e.getMessage(), e.errno(), e);
        }
    }

    /** Registers the PSI trigger; {@code null} (logged) if PSI is off or unavailable. */
    private PsiTrigger openPsi() {
        String every = DaemonConfig.seconds(config.rerankInterval());
        if (!config.psi()) {
            log.info("PSI disabled by configuration; re-ranking every " + every);
            return null;
        }
        Path file = uoom.procPaths().pressureMemory();
        String spec = config.psiTrigger();
        try {
            return registered(PsiTrigger.register(file, spec), file, every);
        } catch (ErrnoException e) {
            String relaxed = relaxedTrigger(spec);
            if (Errno.EINVAL.is(e.errno()) && !relaxed.equals(spec)) {
                // The configuration is checked against the kernel's bounds; what is left is the rule of Linux 6.5+.
                log.info("PSI trigger \"" + spec + "\" refused (EINVAL); Linux 6.5 and later take a window that is "
                        + "not a multiple of 2 s only from a process with CAP_SYS_RESOURCE; trying \"" + relaxed + "\"");
                try {
                    return registered(PsiTrigger.register(file, relaxed), file, every);
                } catch (ErrnoException again) {
                    e = again;
                }
            }
            log.warning("PSI unavailable (" + file + ": " + Errno.describe(e.errno()) + "); re-ranking every "
                    + every + " only");
            return null;
        }
    }

    private PsiTrigger registered(PsiTrigger trigger, Path file, String every) {
        log.info("PSI trigger \"" + trigger.spec() + "\" on " + file + "; re-ranking on pressure and every "
                + every);
        return trigger;
    }

    /**
     * The trigger with its window rounded up to a multiple of 2 s, as unprivileged triggers need, and the
     * stall scaled with it; {@code spec} itself if the window already is one.
     */
    static String relaxedTrigger(String spec) {
        Matcher m = DaemonConfig.PSI_TRIGGER.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException(spec);
        }
        long stall = Long.parseLong(m.group(2));
        long window = Long.parseLong(m.group(3));
        if (window > 0 && window % PSI_UNPRIVILEGED_WINDOW_US == 0) {
            return spec;
        }
        long wider = Math.max(1, (window + PSI_UNPRIVILEGED_WINDOW_US - 1) / PSI_UNPRIVILEGED_WINDOW_US)
                * PSI_UNPRIVILEGED_WINDOW_US;
        long scaled = window == 0 ? stall : stall * wider / window;
        return m.group(1) + " " + Math.min(scaled, wider) + " " + wider;
    }

    private void protectSelf() {
        if (config.mlock()) {
            try {
                log.info("locked memory (mlockall " + MemoryLock.lockAll() + ")");
            } catch (ErrnoException e) {
                log.warning("mlockall failed (" + Errno.describe(e.errno()) + "); continuing without locked memory");
            }
        }
        if (config.selfOomScoreAdj().isEmpty()) {
            return;
        }
        try {
            uoom.protection().protectSelf();
            log.info("protected itself through " + OomProtectAbi.DEVICE + " (oom_score_adj -1000, restored when "
                    + "uoom.ko unloads)");
            return;
        } catch (ModuleNotLoadedException e) {
            // A module without /dev/oom_protect: the oom_score_adj below is the protection.
        } catch (UoomException e) {
            log.info("cannot protect itself through " + OomProtectAbi.DEVICE + " (" + e.getMessage()
                    + "); lowering its oom_score_adj instead");
        }
        {
            int adj = config.selfOomScoreAdj().getAsInt();
            Path file = uoom.procPaths().selfOomScoreAdj();
            try {
                KernelFiles.writeString(file, adj + "\n");
                log.info("set own oom_score_adj to " + adj);
            } catch (IOException e) {
                String why = e instanceof ErrnoException errno ? Errno.describe(errno.errno()) : e.getMessage();
                log.warning("cannot set own oom_score_adj to " + adj + " (" + file + ": " + why + "); continuing");
            }
        }
    }

    private String policyDescription() {
        if (policy instanceof RulesPolicy rules) {
            return "rules over " + rules.base().name() + " (" + rules.rules().size() + " rules)";
        }
        return policy.name();
    }

    private void close(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            log.warning("close failed: " + e);
        }
    }
}
