package dev.uoom.vmtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The host's TSC frequency, measured by {@code out/tools/tsc_khz}. Under TCG a guest's TSC counts
 * at the host's rate, but the guest cannot calibrate it (no HPET or PM timer without ACPI) and
 * falls back to 4 ms jiffies; given the rate, it keeps time in nanoseconds.
 */
final class HostTsc {
    private static final ConcurrentHashMap<Path, OptionalLong> KHZ = new ConcurrentHashMap<>();

    private HostTsc() {}

    /** The rate in kHz, or empty where the tool is missing or the TSC is not constant. */
    static OptionalLong khz(Path repo) {
        return KHZ.computeIfAbsent(repo, HostTsc::measure);
    }

    private static OptionalLong measure(Path repo) {
        Path tool = repo.resolve("out/tools/tsc_khz");
        if (!Files.isExecutable(tool)) {
            return OptionalLong.empty();
        }
        try {
            Process p = new ProcessBuilder(tool.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            // Wait first: reading to EOF would block for as long as a hung tool runs.
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return OptionalLong.empty();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || !out.matches("[1-9]\\d{3,8}")) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(out));
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }
}
