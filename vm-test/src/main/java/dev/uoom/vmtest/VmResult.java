package dev.uoom.vmtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a guest run left behind: the scenario's exit code (absent if the guest died first), its
 * KTAP report, the console, the kernel reports found on it, and the share directory with any files
 * the scenario saved.
 */
public final class VmResult {

    /** How a run ended, from worst to best. */
    public enum Outcome {
        /** The harness stopped QEMU: the spec's timeout passed, or the console fell silent. */
        TIMEOUT,
        /** The guest ended without writing an exit code: a panic, a reboot, an init that died. */
        CRASH,
        /** The scenario ran to its end, but something failed. */
        FAILED,
        /** Exit code 0, a complete and passing KTAP report, and a clean console. */
        PASSED
    }

    private final VmSpec spec;
    private final List<String> command;
    private final OptionalInt exitCode;
    private final KtapReport ktap;
    private final String console;
    private final List<CrashFinding> findings;
    private final Optional<String> stopped;
    private final Path shareDir;
    private final Path consoleLog;
    private final Duration duration;
    private final int qemuStatus;

    /** The first line the guest's init prints: past it, the guest kernel booted and the scenario started. */
    static final String INIT_BANNER = "uoom-init: flavour=";

    VmResult(VmSpec spec, List<String> command, OptionalInt exitCode, KtapReport ktap, String console,
            List<CrashFinding> findings, Optional<String> stopped, Path shareDir, Path consoleLog, Duration duration,
            int qemuStatus) {
        this.spec = Objects.requireNonNull(spec);
        this.command = List.copyOf(command);
        this.exitCode = Objects.requireNonNull(exitCode);
        this.ktap = Objects.requireNonNull(ktap);
        this.console = Objects.requireNonNull(console);
        this.findings = List.copyOf(findings);
        this.stopped = Objects.requireNonNull(stopped);
        this.shareDir = Objects.requireNonNull(shareDir);
        this.consoleLog = Objects.requireNonNull(consoleLog);
        this.duration = Objects.requireNonNull(duration);
        this.qemuStatus = qemuStatus;
    }

    /**
     * Reads the outcome of a run from its console and share directory, as the harness does after
     * QEMU exits.
     */
    public static VmResult of(VmSpec spec, List<String> command, String console, Path shareDir, Path consoleLog,
            Duration duration) {
        return of(spec, command, console, Optional.empty(), shareDir, consoleLog, duration, 0);
    }

    /**
     * As {@link #of(VmSpec, List, String, Path, Path, Duration)}, with why the harness stopped the
     * guest, if it did, and QEMU's own exit status.
     */
    public static VmResult of(VmSpec spec, List<String> command, String console, Optional<String> stopped,
            Path shareDir, Path consoleLog, Duration duration, int qemuStatus) {
        OptionalInt exitCode = OptionalInt.empty();
        Path exitFile = shareDir.resolve("exitcode");
        Path ktapFile = shareDir.resolve("ktap.txt");
        try {
            if (Files.isRegularFile(exitFile)) {
                String s = Files.readString(exitFile, StandardCharsets.UTF_8).strip();
                if (s.matches("\\d{1,3}")) {
                    exitCode = OptionalInt.of(Integer.parseInt(s));
                }
            }
            // The share holds the scenario's stdout alone; the console is the fallback.
            String ktapText =
                    Files.isRegularFile(ktapFile) ? Files.readString(ktapFile, StandardCharsets.UTF_8) : console;
            return new VmResult(spec, command, exitCode, KtapParser.parse(ktapText), console,
                    CrashScanner.scan(console), stopped, shareDir, consoleLog, duration, qemuStatus);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public VmSpec spec() {
        return spec;
    }

    /** The QEMU command that ran. */
    public List<String> command() {
        return command;
    }

    /** The scenario's exit status, or empty if the guest never wrote one. */
    public OptionalInt exitCode() {
        return exitCode;
    }

    public KtapReport ktap() {
        return ktap;
    }

    /** The whole serial console, with CR LF turned into LF. */
    public String console() {
        return console;
    }

    /** The kernel reports found on the console. */
    public List<CrashFinding> findings() {
        return findings;
    }

    /** Whether the harness stopped the guest (see {@link #stopped()}). */
    public boolean timedOut() {
        return stopped.isPresent();
    }

    /** Why the harness stopped the guest, or empty if the guest ended by itself. */
    public Optional<String> stopped() {
        return stopped;
    }

    /** QEMU's own exit status: 0 when the guest powered off, 128 + n when signal n killed QEMU. */
    public int qemuStatus() {
        return qemuStatus;
    }

    /**
     * Whether QEMU itself died of a signal, not stopped by the harness, before the guest's init
     * printed its banner: the emulator failed and the scenario never started.
     */
    public boolean emulatorDiedBeforeInit() {
        return stopped.isEmpty() && qemuStatus > 128 && !console.contains(INIT_BANNER);
    }

    /** Whether the guest ended without writing an exit code (a timeout counts too). */
    public boolean crashed() {
        return exitCode.isEmpty();
    }

    /** The host directory the guest saw as {@code /mnt}. */
    public Path shareDir() {
        return shareDir;
    }

    /** Where the console was logged. */
    public Path consoleLog() {
        return consoleLog;
    }

    /** Wall time from starting QEMU until it exited. */
    public Duration duration() {
        return duration;
    }

    /** Reads a text file the guest saved in {@code /mnt}. */
    public String sharedFile(String name) throws IOException {
        return Files.readString(shareDir.resolve(name), StandardCharsets.UTF_8);
    }

    public Outcome outcome() {
        if (stopped.isPresent()) {
            return Outcome.TIMEOUT;
        }
        if (crashed()) {
            return Outcome.CRASH;
        }
        return problems().isEmpty() ? Outcome.PASSED : Outcome.FAILED;
    }

    public boolean passed() {
        return outcome() == Outcome.PASSED;
    }

    /** One line for each thing that went wrong; empty if the run passed. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (stopped.isPresent()) {
            out.add("stopped by the harness: " + stopped.get());
        } else if (exitCode.isEmpty() && qemuStatus > 128) {
            out.add("qemu itself died of signal " + (qemuStatus - 128) + " before the guest wrote an exit code");
        } else if (exitCode.isEmpty()) {
            out.add("the guest ended without writing an exit code (crash)");
        } else if (exitCode.getAsInt() != 0) {
            out.add("the scenario exited with status " + exitCode.getAsInt());
        }
        if (!ktap.passed()) {
            out.add("KTAP: " + ktap.failures().size() + " failure(s)");
        }
        for (CrashFinding f : findings) {
            out.add(f.toString());
        }
        return out;
    }

    /** The last {@code n} lines of the console. */
    public List<String> consoleTail(int n) {
        List<String> lines = console.lines().toList();
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    @Override
    public String toString() {
        return "VmResult[" + outcome() + ", exit code " + (exitCode.isPresent() ? exitCode.getAsInt() : "none") + ", "
                + ktap.results().size() + " KTAP results, " + findings.size() + " findings, "
                + duration.toMillis() + " ms, " + consoleLog + "]";
    }
}
