package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Boots each kernel, loads uoom.ko, runs the {@code uoom} CLI in the guest, and unloads the module
 * again, with no kernel report on the console.
 * The guest side is {@code vm-test/guest/scenarios/smoke/load-unload.sh}.
 */
@Tag("vm")
@ExtendWith(VmExtension.class)
class SmokeVmTest {

    /** The debug kernel runs this scenario in {@link DebugVmTest}'s suite. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Flavour.class, names = {"STOCK", "PATCHED"})
    void moduleLoadsReportsItsModeAndUnloads(Flavour flavour, Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(flavour).scenario(Scenario.of("smoke/load-unload")).build());
        System.out.printf("[vm-test] SmokeVmTest %s: %s in %.1f s%n", flavour, result.outcome(),
                result.duration().toMillis() / 1000.0);
        // Stock and patched have no kmemleak; the scenario skips the check only when the kernel
        // has none (debugfs without a kmemleak file, or no debugfs at all).
        VmAssertions.assertPassed(result, "kmemleak found no leaks");

        assertReportsModeAndVersion(flavour, vm.repo(), result.shareDir(), result.ktap());
    }

    /**
     * What {@code smoke/load-unload} saved in {@code share} and printed in {@code ktap}: the mode
     * and version of the module and the kernel it booted, from the CLI and from /proc/oom_status.
     */
    static void assertReportsModeAndVersion(Flavour flavour, Path repo, Path share, KtapReport ktap)
            throws IOException, InterruptedException {
        String mode = flavour.patched() ? "hooked" : "advisory";
        String version = modinfoVersion(flavour.module(repo));
        JsonNode status = new ObjectMapper().readTree(Files.readString(share.resolve("status.json")));
        assertEquals(mode, status.path("mode").asText(), status.toString());
        assertEquals(version, status.path("version").asText(), status.toString());
        String release = Files.readString(share.resolve("uname-r")).strip();
        assertEquals(release, status.path("kernel").asText(), status.toString());
        if (flavour == Flavour.DISTRO) {
            // Debian's own build, not ours: its release and its builder's banner.
            assertEquals(DistroKernelVmTest.release(repo), release, "booted " + release);
            String banner = Files.readString(share.resolve("proc-version")).strip();
            assertTrue(banner.startsWith("Linux version " + release + " (debian-kernel@lists.debian.org)")
                    && banner.contains(" Debian "), banner);
        } else {
            assertTrue(release.endsWith("-uoom-" + flavour.id()), "booted " + release);
        }

        KtapResult procStatus = ktap.result("/proc/oom_status").orElseThrow();
        assertTrue(procStatus.diagnostics().contains("mode: " + mode), procStatus.diagnostics().toString());
        assertTrue(procStatus.diagnostics().contains("version: " + version), procStatus.diagnostics().toString());
    }

    /** The version uoom.ko declares, as {@code modinfo -F version} on the host reads it. */
    private static String modinfoVersion(Path module) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("modinfo", "-F", "version", module.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), "modinfo " + module + ": " + out);
        return out;
    }
}
