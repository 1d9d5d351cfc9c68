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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private int runs;

    /** A runner that uses {@code qemu-system-x86_64} from PATH. */
    public Vm(Path repo, Path logDir) {
        this(repo, logDir, QemuCommand.QEMU);
    }

    /** A runner that uses the given QEMU binary, a name on PATH or a path. */
    public Vm(Path repo, Path logDir, String qemu) {
        this.repo = repo.toAbsolutePath().normalize();
        this.logDir = logDir.toAbsolutePath().normalize();
        this.qemu = qemu;
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
     * dies of a signal before the guest's init runs, the guest boots once more.
     */
    public VmResult run(VmSpec spec) throws IOException, InterruptedException {
        checkPrerequisites(spec);
        VmResult result = boot(spec);
        if (result.emulatorDiedBeforeInit()) {
            // QEMU 7.2's TCG has segfaulted in early guest boot, about once in a few hundred boots.
            // The scenario never started, so it gets one more boot; a second failure stands.
            System.out.printf("[vm-test] qemu died of signal %d before the guest's init ran (%s); booting once more%n",
                    result.qemuStatus() - 128, result.consoleLog());
            result = boot(spec);
        }
        return result;
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
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread watchdog = new Thread(() -> {
            try {
                if (!process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    timedOut.set(true);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vm-timeout");
        watchdog.setDaemon(true);
        watchdog.start();

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream(); OutputStream log = Files.newOutputStream(consoleLog)) {
            PrintStream echo = Boolean.getBoolean(ECHO_PROPERTY) ? System.out : null;
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
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
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        String text = console.toString(StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\r", "");
        return VmResult.of(spec, command, text, timedOut.get(), share, consoleLog, duration, process.exitValue());
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
