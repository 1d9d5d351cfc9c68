package dev.uoom.vmtest;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * Boots guests and collects their results. Each instance owns a log directory: the first run
 * writes {@code console.log}, {@code qemu.cmd} and {@code share/} into it, later runs use
 * {@code run-2/}, {@code run-3/} and so on.
 *
 * <p>Set the system property {@value #ECHO_PROPERTY} to {@code true} to copy the console to
 * stdout as it arrives.
 */
public final class Vm {

    /** System property that echoes guest consoles to stdout. */
    public static final String ECHO_PROPERTY = "uoom.vm.console";

    private final Path repo;
    private final Path logDir;
    private final String qemu;
    private final SuiteBudget budget;
    private final VmSlots slots;
    private int runs;

    /** QEMU processes still running; a JVM that exits ends them. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "vm-reaper"));
    }

    /** A runner that uses {@code qemu-system-x86_64} from PATH. */
    public Vm(Path repo, Path logDir) {
        this(repo, logDir, QemuCommand.QEMU);
    }

    /** A runner that uses the given QEMU binary, a name on PATH or a path. */
    public Vm(Path repo, Path logDir, String qemu) {
        this(repo, logDir, qemu, SuiteBudget.suite());
    }

    /** A runner whose guests share {@code budget}. */
    Vm(Path repo, Path logDir, String qemu, SuiteBudget budget) {
        this(repo, logDir, qemu, budget, VmSlots.suite());
    }

    /** A runner whose guests share {@code budget} and {@code slots}. */
    Vm(Path repo, Path logDir, String qemu, SuiteBudget budget, VmSlots slots) {
        this.repo = repo.toAbsolutePath().normalize();
        this.logDir = logDir.toAbsolutePath().normalize();
        this.qemu = qemu;
        this.budget = budget;
        this.slots = slots;
    }

    public Path repo() {
        return repo;
    }

    public Path logDir() {
        return logDir;
    }

    /** The directory the next run will use. */
    private Path nextRunDir() {
        return runs == 0 ? logDir : logDir.resolve("run-" + (runs + 1));
    }

    /**
     * Boots a guest for {@code spec}, waits until it powers off or times out, and returns what it
     * left behind. A missing kernel, module or QEMU is a test failure, not a skip. If QEMU itself
     * dies of a signal before the guest's init runs, the guest boots once more. It waits for a
     * free {@link VmSlots slot} first.
     */
    public VmResult run(VmSpec spec) throws IOException, InterruptedException {
        checkPrerequisites(spec);
        VmSlots.Held held = slots.hold(spec);
        try {
            return runHeld(spec);
        } finally {
            held.close();
        }
    }

    private VmResult runHeld(VmSpec spec) throws IOException, InterruptedException {
        VmResult result = boot(fit(spec));
        if (result.emulatorDiedBeforeInit()) {
            // QEMU 7.2's TCG has segfaulted in early guest boot, about once in a few hundred boots.
            // The scenario never started, so it gets one more boot; a second failure stands.
            System.out.printf("[vm-test] qemu died of signal %d before the guest's init ran (%s); booting once more%n",
                    result.qemuStatus() - 128, result.consoleLog());
            result = boot(fit(spec));
        }
        return result;
    }

    /** {@code spec} cut to the suite's budget; a test fails here once the budget is spent. */
    private VmSpec fit(VmSpec spec) {
        return budget.fit(spec).orElseThrow(() -> new AssertionFailedError(String.format(
                "the VM suite's budget of %d min (-D%s) is spent: this guest was not started",
                budget.total().toMinutes(), SuiteBudget.PROPERTY)));
    }

    private VmResult boot(VmSpec spec) throws IOException, InterruptedException {
        Path dir = nextRunDir();
        runs++;
        Path share = dir.resolve("share");
        // A stale exit code from an earlier run must not pass for this one's.
        FileTrees.delete(share);
        Files.createDirectories(share);
        Files.writeString(share.resolve("scenario.sh"), spec.scenario(), StandardCharsets.UTF_8);
        for (Map.Entry<String, byte[]> f : spec.files().entrySet()) {
            Path p = share.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        List<String> command = QemuCommand.build(qemu, spec, repo, share, QemuCommand.kvmRequested(),
                HostTsc.khz(repo));
        Files.writeString(dir.resolve("qemu.cmd"),
                command.stream().map(Vm::shellQuote).collect(Collectors.joining(" \\\n    ")) + "\n",
                StandardCharsets.UTF_8);
        Path consoleLog = dir.resolve("console.log");

        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .start();
        LIVE.add(process);
        AtomicLong lastOutput = new AtomicLong(start);
        AtomicReference<String> stopped = new AtomicReference<>();
        Thread watchdog = new Thread(() -> watch(process, spec, start, lastOutput, stopped), "vm-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream(); OutputStream log = Files.newOutputStream(consoleLog)) {
            PrintStream echo = Boolean.getBoolean(ECHO_PROPERTY) ? System.out : null;
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                lastOutput.set(System.nanoTime());
                log.write(buf, 0, n);
                log.flush();
                console.write(buf, 0, n);
                if (echo != null) {
                    echo.write(buf, 0, n);
                    echo.flush();
                }
            }
            process.waitFor();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            watchdog.interrupt();
            watchdog.join();
            LIVE.remove(process);
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        String text = console.toString(StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\r", "");
        return VmResult.of(spec, command, text, Optional.ofNullable(stopped.get()), share, consoleLog, duration,
                process.exitValue());
    }

    /**
     * Ends {@code process} when the spec's timeout passes or the console has been silent for the
     * spec's silence limit, and records why in {@code stopped}.
     */
    private static void watch(Process process, VmSpec spec, long start, AtomicLong lastOutput,
            AtomicReference<String> stopped) {
        long deadline = start + spec.timeout().toNanos();
        long silence = spec.silence().toNanos();
        try {
            while (true) {
                long now = System.nanoTime();
                long quietFor = now - lastOutput.get();
                if (now - deadline >= 0) {
                    stopped.set("timed out after " + spec.timeout().toSeconds() + " s");
                    break;
                }
                if (quietFor >= silence) {
                    stopped.set("the console printed nothing for " + spec.silence().toSeconds() + " s");
                    break;
                }
                long wait = Math.min(deadline - now, silence - quietFor);
                if (process.waitFor(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Quotes {@code arg} for a POSIX shell if it needs it, so that qemu.cmd can be run as is. */
    static String shellQuote(String arg) {
        return arg.matches("[A-Za-z0-9_./=,:+@%-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    private void checkPrerequisites(VmSpec spec) {
        Path kernel = spec.flavour().kernel(repo);
        if (!Files.isRegularFile(kernel)) {
            throw new AssertionFailedError("guest kernel " + kernel + " is missing: run `make` in " + repo);
        }
        spec.flavour().initrd(repo).filter(initrd -> !Files.isRegularFile(initrd)).ifPresent(initrd -> {
            throw new AssertionFailedError("initramfs " + initrd + " is missing: run `make` in " + repo);
        });
        Path module = spec.flavour().module(repo);
        if (spec.loadModule() && !Files.isRegularFile(module)) {
            throw new AssertionFailedError("module " + module + " is missing: run `make` in " + repo);
        }
        if (!isExecutable(qemu)) {
            throw new AssertionFailedError(
                    qemu + " is not installed: run `make deps` (Debian package qemu-system-x86)");
        }
    }

    private static boolean isExecutable(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
