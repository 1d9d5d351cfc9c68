package dev.uoom.api;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;

import dev.uoom.model.CgroupEntry;
import dev.uoom.model.MemInfo;
import dev.uoom.model.ProcStat;
import dev.uoom.model.ProcStatus;
import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.SystemSnapshot;
import dev.uoom.model.Uptime;
import dev.uoom.nativeio.Errno;
import dev.uoom.nativeio.ErrnoException;
import dev.uoom.nativeio.KernelFiles;
import dev.uoom.parse.CgroupParser;
import dev.uoom.parse.CmdlineParser;
import dev.uoom.parse.MemInfoParser;
import dev.uoom.parse.OomScoreParser;
import dev.uoom.parse.ProcFormatException;
import dev.uoom.parse.ProcStatParser;
import dev.uoom.parse.ProcStatusParser;
import dev.uoom.parse.UptimeParser;
import dev.uoom.paths.ProcPaths;

/**
 * Reads a {@link SystemSnapshot} from {@code /proc}. Processes that exit during the scan are left out: a
 * file that is gone ({@code ENOENT}) or belongs to a dead process ({@code ESRCH}), or that is malformed
 * because its process is gone, skips the process. A live process whose files cannot be read or parsed is
 * skipped too, and reported once while its pid lives, so that no one process can stop a scan. Only the first
 * {@link #CMDLINE_LIMIT} bytes of a command line are read, and none at all by a scanner made
 * {@link #withoutCommandLines()}: reading {@code /proc/PID/cmdline} takes the target's mmap lock, and blocks
 * behind a process that is thrashing. Obtain one from {@link Uoom#scanner()}.
 */
public final class ProcessScanner {
    /** Longer command lines are cut here: {@link ProcessSnapshot#CMDLINE_LIMIT}. */
    public static final int CMDLINE_LIMIT = ProcessSnapshot.CMDLINE_LIMIT;

    private final ProcPaths paths;
    private final long clockTicksPerSecond;
    private final long pageSize;
    private final Consumer<String> warnings;
    private final boolean commandLines;
    private final Set<Integer> reported = new HashSet<>();

    /**
     * A scanner that reports skipped processes as warnings of the logger {@code dev.uoom.api.ProcessScanner}.
     *
     * @param paths the proc root to scan
     * @param clockTicksPerSecond {@code USER_HZ}
     * @param pageSize the page size in bytes
     */
    public ProcessScanner(ProcPaths paths, long clockTicksPerSecond, long pageSize) {
        this(paths, clockTicksPerSecond, pageSize, Logger.getLogger(ProcessScanner.class.getName())::warning);
    }

    /**
     * @param warnings receives one line for each live process that a scan skips, once per pid
     */
    public ProcessScanner(ProcPaths paths, long clockTicksPerSecond, long pageSize, Consumer<String> warnings) {
        this(paths, clockTicksPerSecond, pageSize, warnings, true);
    }

    private ProcessScanner(ProcPaths paths, long clockTicksPerSecond, long pageSize, Consumer<String> warnings,
            boolean commandLines) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.clockTicksPerSecond = clockTicksPerSecond;
        this.pageSize = pageSize;
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.commandLines = commandLines;
    }

    /**
     * A scanner like this one that never opens {@code /proc/PID/cmdline}: its snapshots have empty command
     * lines. For callers whose rules match no command line.
     */
    public ProcessScanner withoutCommandLines() {
        return new ProcessScanner(paths, clockTicksPerSecond, pageSize, warnings, false);
    }

    /** Whether snapshots carry command lines (false after {@link #withoutCommandLines()}). */
    public boolean readsCommandLines() {
        return commandLines;
    }

    /**
     * Reads meminfo, uptime and every process. A live process whose files cannot be read or parsed, for
     * whatever reason ({@code EACCES} and {@code ENOMEM} too), is left out and reported to the warnings
     * consumer, at most once until its pid disappears: no one process can stop a scan.
     *
     * @throws UoomException if a system file cannot be read or parsed, or the proc root cannot be listed
     */
    public SystemSnapshot scan() throws UoomException {
        MemInfo memInfo = parse(paths.meminfo(), MemInfoParser::parse);
        Uptime uptime = parse(paths.uptime(), UptimeParser::parse);
        List<ProcessSnapshot> processes = new ArrayList<>();
        List<Integer> pids = pids();
        for (int pid : pids) {
            try {
                read(pid).ifPresent(processes::add);
            } catch (UoomException | RuntimeException e) {
                synchronized (reported) {
                    if (reported.add(pid)) {
                        warnings.accept("skipped pid " + pid + ": " + e.getMessage());
                    }
                }
            }
        }
        synchronized (reported) {
            reported.retainAll(new HashSet<>(pids));
        }
        return new SystemSnapshot(memInfo, uptime, clockTicksPerSecond, pageSize, processes);
    }

    /**
     * Reads one process.
     *
     * @return empty if the process does not exist or exited while it was read
     * @throws UoomException if a file of the live process cannot be read or parsed (unlike {@link #scan()})
     */
    public Optional<ProcessSnapshot> read(int pid) throws UoomException {
        Path dir = paths.pid(pid);
        try {
            int adj = OomScoreParser.parseScoreAdj(text(pid, ProcPaths.OOM_SCORE_ADJ));
            List<String> cmdline = commandLines ? CmdlineParser.parse(KernelFiles.readPrefix(
                    paths.pidFile(pid, ProcPaths.CMDLINE), CMDLINE_LIMIT)) : List.of();
            List<CgroupEntry> cgroups = CgroupParser.parse(text(pid, ProcPaths.CGROUP));
            ProcStatus status = ProcStatusParser.parse(text(pid, ProcPaths.STATUS));
            // stat (its rss is the kernel's get_mm_rss()) and oom_score back to back, so they agree.
            ProcStat stat = ProcStatParser.parse(text(pid, ProcPaths.STAT));
            long score = OomScoreParser.parseScore(text(pid, ProcPaths.OOM_SCORE));
            return Optional.of(new ProcessSnapshot(stat, status, cmdline, cgroups, adj, score));
        } catch (ErrnoException e) {
            if (Errno.ENOENT.is(e.errno()) || Errno.ESRCH.is(e.errno())) {
                return Optional.empty();
            }
            throw Failures.unreadable(Path.of(e.path()), e);
        } catch (ProcFormatException e) {
            if (!Files.isDirectory(dir)) {
                return Optional.empty();
            }
            throw Failures.malformed(dir.resolve(e.file()), e);
        } catch (IOException e) {
            throw Failures.unreadable(dir, e);
        }
    }

    /** The numeric entries of the proc root, in ascending order. */
    List<Integer> pids() throws UoomException {
        List<Integer> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(paths.root())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.length() <= 10 && name.chars().allMatch(Character::isDigit)) {
                    long pid = Long.parseLong(name);
                    if (pid > 0 && pid <= Integer.MAX_VALUE) {
                        pids.add((int) pid);
                    }
                }
            }
        } catch (IOException e) {
            throw new UoomException("cannot list " + paths.root() + ": " + e.getMessage(), e);
        }
        pids.sort(null);
        return pids;
    }

    private String text(int pid, String file) throws IOException {
        return KernelFiles.readString(paths.pidFile(pid, file));
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(Path file, Parser<T> parser) throws UoomException {
        try {
            return parser.parse(KernelFiles.readString(file));
        } catch (IOException e) {
            throw Failures.unreadable(file, e);
        } catch (ProcFormatException e) {
            throw Failures.malformed(file, e);
        }
    }
}
