package dev.uoom.daemon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.logging.Logger;

import dev.uoom.api.LiveProcess;
import dev.uoom.api.Memcg;
import dev.uoom.api.ProcessScanner;
import dev.uoom.api.UoomException;
import dev.uoom.model.MemcgEvent;
import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.QueueEntry;
import dev.uoom.model.SystemSnapshot;
import dev.uoom.nativeio.Errno;
import dev.uoom.nativeio.ErrnoException;
import dev.uoom.nativeio.Signals;
import dev.uoom.parse.MemoryLimitParser;
import dev.uoom.paths.CgroupPaths;
import dev.uoom.policy.Policy;
import dev.uoom.policy.Ranked;
import dev.uoom.policy.Ranking;

/**
 * Handles a memory cgroup that reached its limit the "moderate" way of the 2010 memcg OOM notifier RFC, instead
 * of leaving it to the kernel's OOM killer:
 * <ol>
 * <li>freeze the group ({@code cgroup.freeze} on v2, waiting for {@code cgroup.events frozen 1}; SIGSTOP to
 * each process on v1);
 * <li>choose a victim among the group's processes with a ranking policy;
 * <li>kill it with SIGKILL, or ask it to shrink with another signal;
 * <li>raise the limits for a while: {@code memory.max} and, if set, {@code memory.high} on v2,
 * {@code memory.limit_in_bytes} on v1;
 * <li>thaw the group;
 * <li>after the hold time, restore the original limits.
 * </ol>
 * Every step is logged as one line. In a dry run the steps are logged as "would" and nothing changes.
 * <p>
 * On v2 the kernel has no {@code oom_kill_disable}: a group over {@code memory.max} that reclaim cannot help is
 * OOM-killed by the kernel at once. Set {@code memory.high} below {@code memory.max}: tasks over it are
 * throttled, not killed, which leaves the handler the time the seed's disabled OOM killer gave it.
 */
public final class MemcgHandler {
    private static final Duration FREEZE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * What the handler does.
     *
     * @param raise how much to raise each limit
     * @param hold how long the raised limits stay before the original ones come back
     * @param policy how to choose the victim
     * @param signal SIGKILL to kill the victim, or another signal to ask it to give memory back
     * @param dryRun log the steps, change nothing
     */
    public record Settings(Raise raise, Duration hold, Policy policy, int signal, boolean dryRun) {
        public Settings {
            Objects.requireNonNull(raise, "raise");
            Objects.requireNonNull(hold, "hold");
            Objects.requireNonNull(policy, "policy");
            if (hold.isNegative()) {
                throw new IllegalArgumentException("hold must not be negative");
            }
        }
    }

    /**
     * An increase of a limit: a number of bytes, or a percentage of the limit.
     *
     * @param bytes the increase in bytes, if {@code percent} is 0
     * @param percent the increase in percent of the current limit, or 0
     */
    public record Raise(long bytes, int percent) {
        public Raise {
            if (bytes < 0 || percent < 0 || (bytes == 0) == (percent == 0)) {
                throw new IllegalArgumentException("give a positive number of bytes or a positive percentage");
            }
        }

        /** Parses {@code 25%}, {@code 67108864}, {@code 64M}, {@code 1G} or {@code 512K}. */
        public static Raise parse(String text) {
            String t = text.strip();
            try {
                if (t.endsWith("%")) {
                    return new Raise(0, Integer.parseInt(t.substring(0, t.length() - 1)));
                }
                long unit = switch (Character.toUpperCase(t.isEmpty() ? ' ' : t.charAt(t.length() - 1))) {
                    case 'K' -> 1L << 10;
                    case 'M' -> 1L << 20;
                    case 'G' -> 1L << 30;
                    default -> 1;
                };
                String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
                return new Raise(Math.multiplyExact(Long.parseLong(digits), unit), 0);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("expected BYTES (such as 64M) or PERCENT (such as 25%), got \""
                        + text + "\"", e);
            }
        }

        /** The raised limit. */
        public long apply(long limit) {
            long increase = percent == 0 ? bytes : Math.multiplyExact(limit / 100, percent)
                    + limit % 100 * percent / 100;
            return Math.addExact(limit, increase);
        }

        @Override
        public String toString() {
            return percent == 0 ? bytes + " bytes" : percent + "%";
        }
    }

    /**
     * What one handling did.
     *
     * @param victim the pid signalled, if any
     * @param raised the limits raised, file name to the original value
     * @param restored whether every original limit came back
     */
    public record Outcome(Optional<Integer> victim, Map<String, OptionalLong> raised, boolean restored) {
    }

    private final Memcg memcg;
    private final Settings settings;
    private final ProcessScanner scanner;
    private final Logger log;
    private final int selfPid = Math.toIntExact(ProcessHandle.current().pid());

    /**
     * @param scanner reads the processes to rank; without command lines if the policy needs none
     */
    public MemcgHandler(Memcg memcg, Settings settings, ProcessScanner scanner, Logger log) {
        this.memcg = Objects.requireNonNull(memcg, "memcg");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scanner = settings.policy().readsCommandLine() ? Objects.requireNonNull(scanner, "scanner")
                : scanner.withoutCommandLines();
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Runs the six steps for {@code event}. A step that fails is logged and the next steps still run, so the
     * group is never left frozen and the limits always come back.
     *
     * @throws InterruptedException if interrupted during the hold; the original limits are restored first
     */
    public Outcome handle(MemcgEvent event) throws InterruptedException {
        String group = memcg.paths().dir().toString();
        String would = settings.dryRun() ? "would " : "";
        long start = System.nanoTime();
        log.info("memcg " + group + ": limit reached (" + why(event) + "); handling"
                + (settings.dryRun() ? " (dry run: nothing changes)" : ""));

        List<LiveProcess> stopped = new ArrayList<>(freeze(would));
        Optional<Ranked> victim = chooseVictim();
        Optional<Integer> signalled = Optional.empty();
        if (victim.isPresent()) {
            QueueEntry seen = victim.get().process().queueEntry();
            String step = "step 3 " + (settings.signal() == Signals.SIGKILL ? "kill" : "shrink");
            if (!would.isEmpty()) {
                log.info(step + ": would send " + Signals.name(settings.signal()) + " to pid " + seen.pid());
                signalled = Optional.of(seen.pid());
            } else if (signal(seen, settings.signal(), step)) {
                signalled = Optional.of(seen.pid());
                if (settings.signal() == Signals.SIGKILL) {
                    stopped.removeIf(p -> {
                        boolean killed = p.entry().equals(seen);
                        if (killed) {
                            p.close();
                        }
                        return killed;
                    });
                }
            }
        } else {
            log.info("step 3 kill: no victim; nothing signalled");
        }
        Map<String, OptionalLong> originals = raise(would);
        thaw(stopped, would);
        boolean restored;
        try {
            if (!settings.hold().isZero()) {
                log.info("holding the raised limits for " + DaemonConfig.seconds(settings.hold()));
                Thread.sleep(settings.hold().toMillis());
            }
        } finally {
            restored = restore(originals, would);
        }
        log.info("memcg " + group + ": handled in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        return new Outcome(signalled, originals, restored);
    }

    private static String why(MemcgEvent event) {
        if (event.oomControl() != null) {
            return "under_oom " + (event.oomControl().underOom() ? 1 : 0) + ", oom_kill_disable "
                    + (event.oomControl().oomKillDisable() ? 1 : 0);
        }
        List<String> parts = new ArrayList<>();
        event.delta().byName().forEach((k, v) -> {
            if (v != 0) {
                parts.add(k + " +" + v);
            }
        });
        return parts.isEmpty() ? event.source().file() : String.join(", ", parts);
    }

    /** Step 1. On v1, the processes stopped, held by pidfd until they are thawed. */
    private List<LiveProcess> freeze(String would) {
        if (memcg.version() == CgroupPaths.Version.V2 && procs().contains(selfPid)) {
            log.warning("step 1 freeze: skipped, the handler itself (pid " + selfPid + ") is in the group");
            return List.of();
        }
        if (memcg.version() == CgroupPaths.Version.V2) {
            if (!would.isEmpty()) {
                log.info("step 1 freeze: would write 1 to cgroup.freeze");
                return List.of();
            }
            long t = System.nanoTime();
            try {
                boolean frozen = memcg.freeze(true, FREEZE_TIMEOUT);
                log.info("step 1 freeze: cgroup.freeze 1, cgroup.events frozen " + (frozen ? "1" : "still 0")
                        + " after " + (System.nanoTime() - t) / 1_000_000 + " ms");
            } catch (UoomException e) {
                log.warning("step 1 freeze failed: " + e.getMessage());
            }
            return List.of();
        }
        if (!would.isEmpty()) {
            for (int pid : procs()) {
                if (pid != selfPid) {
                    log.info("step 1 freeze: would send SIGSTOP to pid " + pid);
                }
            }
            return List.of();
        }
        // A pidfd for each listed pid, then the list again: a pid still listed after its pidfd was opened, whose
        // process is still not reaped when signalled, is a member of the group.
        List<LiveProcess> opened = new ArrayList<>();
        for (int pid : procs()) {
            if (pid != selfPid) {
                try {
                    LiveProcess.open(pid).ifPresent(opened::add);
                } catch (UoomException e) {
                    log.warning("step 1 freeze: pid " + pid + ": " + e.getMessage());
                }
            }
        }
        Set<Integer> members = new HashSet<>(procs());
        List<LiveProcess> stopped = new ArrayList<>();
        for (LiveProcess p : opened) {
            if (members.contains(p.pid()) && signal(p, Signals.SIGSTOP, "step 1 freeze")) {
                stopped.add(p);
            } else {
                p.close();
            }
        }
        return stopped;
    }

    /** Step 2. */
    private Optional<Ranked> chooseVictim() {
        Set<Integer> inGroup = new HashSet<>(procs());
        SystemSnapshot all;
        try {
            all = scanner.scan();
        } catch (UoomException e) {
            log.warning("step 2 victim: cannot read /proc: " + e.getMessage());
            return Optional.empty();
        }
        List<ProcessSnapshot> members = all.processes().stream().filter(p -> inGroup.contains(p.pid())).toList();
        Ranking ranking = Ranking.of(settings.policy(), all.withProcesses(members), Set.of(selfPid));
        if (ranking.queue().isEmpty()) {
            log.info("step 2 victim: none of the " + members.size() + " processes in the group may be chosen");
            return Optional.empty();
        }
        Ranked first = ranking.queue().get(0);
        log.info("step 2 victim: pid " + first.process().pid() + " (" + first.process().name() + "), score "
                + first.score().value() + " by policy " + ranking.policy() + ", first of " + ranking.queue().size());
        return Optional.of(first);
    }

    /** Step 4: the original value of each limit raised. */
    private Map<String, OptionalLong> raise(String would) {
        Map<String, OptionalLong> originals = new LinkedHashMap<>();
        List<String> files = memcg.version() == CgroupPaths.Version.V2
                ? List.of(CgroupPaths.MEMORY_HIGH, CgroupPaths.MEMORY_MAX)
                : List.of(CgroupPaths.MEMORY_LIMIT_IN_BYTES);
        for (String file : files) {
            OptionalLong limit;
            try {
                limit = memcg.limit(file);
            } catch (UoomException e) {
                log.warning("step 4 raise: " + e.getMessage());
                continue;
            }
            if (limit.isEmpty()) {
                continue;
            }
            long raised;
            try {
                raised = settings.raise().apply(limit.getAsLong());
            } catch (ArithmeticException e) {
                log.warning("step 4 raise: " + file + " " + limit.getAsLong() + " cannot grow by " + settings.raise());
                continue;
            }
            if (!would.isEmpty()) {
                log.info("step 4 raise: would write " + file + " " + limit.getAsLong() + " -> " + raised);
                continue;
            }
            try {
                memcg.setLimit(file, OptionalLong.of(raised));
                originals.put(file, limit);
                log.info("step 4 raise: " + file + " " + limit.getAsLong() + " -> " + raised);
            } catch (UoomException e) {
                log.warning("step 4 raise failed: " + e.getMessage());
            }
        }
        if (originals.isEmpty() && would.isEmpty()) {
            log.info("step 4 raise: no limit raised");
        }
        return originals;
    }

    /** Step 5. Closes the pidfds of {@code stopped}. */
    private void thaw(List<LiveProcess> stopped, String would) {
        if (memcg.version() == CgroupPaths.Version.V2) {
            if (!would.isEmpty()) {
                log.info("step 5 thaw: would write 0 to cgroup.freeze");
                return;
            }
            try {
                boolean thawed = memcg.freeze(false, FREEZE_TIMEOUT);
                log.info("step 5 thaw: cgroup.freeze 0, cgroup.events frozen " + (thawed ? "0" : "still 1"));
            } catch (UoomException e) {
                log.warning("step 5 thaw failed: " + e.getMessage());
            }
            return;
        }
        if (!would.isEmpty()) {
            log.info("step 5 thaw: would send SIGCONT to the stopped processes");
        }
        for (LiveProcess p : stopped) {
            try (p) {
                signal(p, Signals.SIGCONT, "step 5 thaw");
            }
        }
    }

    /** Step 6. */
    private boolean restore(Map<String, OptionalLong> originals, String would) {
        if (!would.isEmpty()) {
            log.info("step 6 restore: would write back the original limits after " + DaemonConfig.seconds(settings
                    .hold()));
            return true;
        }
        boolean all = true;
        for (Map.Entry<String, OptionalLong> e : originals.entrySet()) {
            try {
                memcg.setLimit(e.getKey(), e.getValue());
                log.info("step 6 restore: " + e.getKey() + " " + MemoryLimitParser.format(e.getValue()));
            } catch (UoomException failure) {
                all = false;
                log.warning("step 6 restore failed, " + e.getKey() + " stays raised: " + failure.getMessage()
                        + (Errno.EBUSY.is(failure.errno()) ? " (usage is above the original limit)" : ""));
            }
        }
        return all;
    }

    private List<Integer> procs() {
        try {
            return memcg.procs();
        } catch (UoomException e) {
            log.warning("cannot list the group's processes: " + e.getMessage());
            return List.of();
        }
    }

    /** Signals the process {@code seen} names, unless its pid now names another. */
    private boolean signal(QueueEntry seen, int signal, String step) {
        try {
            Optional<LiveProcess> live = LiveProcess.open(seen);
            if (live.isEmpty()) {
                log.warning(step + ": pid " + seen.pid() + " exited or its pid was reused; not signalled");
                return false;
            }
            try (LiveProcess p = live.get()) {
                return signal(p, signal, step);
            }
        } catch (UoomException e) {
            log.warning(step + ": " + Signals.name(signal) + " to pid " + seen.pid() + " failed: " + e.getMessage());
            return false;
        }
    }

    private boolean signal(LiveProcess p, int signal, String step) {
        try {
            boolean released = p.signal(signal);
            log.info(step + ": " + Signals.name(signal) + " to pid " + p.pid() + (released ? ", memory released" : ""));
            return true;
        } catch (ErrnoException e) {
            log.warning(step + ": " + Signals.name(signal) + " to pid " + p.pid() + " failed: "
                    + Errno.describe(e.errno()));
            return false;
        }
    }
}
