package dev.uoom.api;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import dev.uoom.model.ModuleStatus;
import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.SystemSnapshot;
import dev.uoom.nativeio.ErrnoException;
import dev.uoom.nativeio.OomProtectAbi;
import dev.uoom.nativeio.SystemConf;
import dev.uoom.nativeio.Uname;
import dev.uoom.parse.OomStatusParser;
import dev.uoom.paths.ProcPaths;
import dev.uoom.policy.Policies;
import dev.uoom.policy.Policy;
import dev.uoom.policy.Ranking;

/**
 * Entry point for Java applications that use the uoom kernel module.
 * <p>
 * A handle is cheap and holds no kernel resources: every call reads the kernel afresh.
 * Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * Uoom uoom = Uoom.open();
 * ModuleStatus status = uoom.status();
 * if (status.mode() == Mode.HOOKED) {
 *     // the OOM killer takes its victim from the uoom queue
 * }
 *
 * // Queue the 16 processes today's kernel would kill first, in that order.
 * Ranking ranking = uoom.rank(Policies.modern());
 * uoom.queue().write(ranking.top(16));
 * }</pre>
 */
public final class Uoom {
    private final ProcPaths procPaths;

    private Uoom(ProcPaths procPaths) {
        this.procPaths = Objects.requireNonNull(procPaths, "procPaths");
    }

    /**
     * Returns a handle on the running kernel. The proc root is {@code /proc} unless the system property
     * {@value ProcPaths#ROOT_PROPERTY} says otherwise.
     */
    public static Uoom open() {
        return open(ProcPaths.fromSystemProperties());
    }

    /** Returns a handle that reads proc files under {@code procPaths}. */
    public static Uoom open(ProcPaths procPaths) {
        return new Uoom(procPaths);
    }

    /** The proc files this handle reads. */
    public ProcPaths procPaths() {
        return procPaths;
    }

    /**
     * Reads the module's version and mode from {@code /proc/oom_status}.
     *
     * @throws ModuleNotLoadedException if the module is not loaded
     * @throws UoomException if the file cannot be read (see {@link UoomException#errno()}) or is malformed
     */
    public ModuleStatus status() throws UoomException {
        return ModuleFiles.read(procPaths.oomStatus(), OomStatusParser::parse);
    }

    /** The candidate queue, {@code /proc/oom}. */
    public OomQueue queue() {
        return new OomQueue(this);
    }

    /** OOM kill protection: {@code /dev/oom_protect} and {@code /proc/oom_kill_protection/}. */
    public OomProtection protection() {
        return new OomProtection(procPaths, OomProtectAbi.DEVICE);
    }

    /**
     * A scanner for this handle's proc root, measuring times and sizes in this system's units.
     *
     * @throws UoomException if {@code sysconf(3)} fails
     */
    public ProcessScanner scanner() throws UoomException {
        try {
            return new ProcessScanner(procPaths, SystemConf.clockTicksPerSecond(), SystemConf.pageSize());
        } catch (ErrnoException e) {
            throw new UoomException(e.getMessage(), e.errno(), e);
        }
    }

    /**
     * A scanner as {@link #scanner()} that reports the processes it skips to {@code warnings}.
     *
     * @throws UoomException if {@code sysconf(3)} fails
     */
    public ProcessScanner scanner(Consumer<String> warnings) throws UoomException {
        try {
            return new ProcessScanner(procPaths, SystemConf.clockTicksPerSecond(), SystemConf.pageSize(),
                    warnings);
        } catch (ErrnoException e) {
            throw new UoomException(e.getMessage(), e.errno(), e);
        }
    }

    /**
     * Reads every process and the memory totals. Processes that exit during the scan are left out.
     *
     * @throws UoomException if {@code /proc} cannot be read
     */
    public SystemSnapshot snapshot() throws UoomException {
        return scanner().scan();
    }

    /**
     * Reads one process.
     *
     * @return empty if no process has {@code pid}
     * @throws UoomException if the files of the live process cannot be read
     */
    public Optional<ProcessSnapshot> process(int pid) throws UoomException {
        return scanner().read(pid);
    }

    /**
     * Reads a snapshot and orders it with {@code policy}; the calling process is never queued.
     *
     * @see Policies
     * @throws UoomException if {@code /proc} cannot be read
     */
    public Ranking rank(Policy policy) throws UoomException {
        return Ranking.of(policy, snapshot(), Set.of(selfPid()));
    }

    /**
     * As {@link #rank(Policy)}, reporting the processes the scan skips to {@code warnings}.
     *
     * @throws UoomException if {@code /proc} cannot be read
     */
    public Ranking rank(Policy policy, Consumer<String> warnings) throws UoomException {
        return Ranking.of(policy, scanner(warnings).scan(), Set.of(selfPid()));
    }

    /** The pid of this JVM. */
    static int selfPid() {
        return Math.toIntExact(ProcessHandle.current().pid());
    }

    /**
     * The running kernel's release, such as {@code 6.12.117-uoom-patched}, from {@code uname(2)}.
     *
     * @throws UoomException if {@code uname(2)} fails
     */
    public String kernelRelease() throws UoomException {
        try {
            return Uname.current().release();
        } catch (ErrnoException e) {
            throw new UoomException(e.getMessage(), e.errno(), e);
        }
    }
}
