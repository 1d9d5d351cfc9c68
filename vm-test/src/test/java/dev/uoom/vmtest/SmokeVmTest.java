package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Boots each kernel, loads uoom.ko, runs the {@code uoom} CLI in the guest, and unloads the module
 * again, with no kernel report on the console (on DEBUG: no KASAN, lockdep or kmemleak report).
 */
@Tag("vm")
@ExtendWith(VmExtension.class)
class SmokeVmTest {

    private static final String SCENARIO = """
            . "$UOOM_REPO/vm-test/guest/ktap.sh"
            read -r loaded_at _ </proc/uptime
            status_json() { "$UOOM_REPO/out/uoom" status --json >/mnt/status.json; }
            kmemleak_scan() { echo scan >/sys/kernel/debug/kmemleak; }
            # A scan that finds leaks logs how many; reading the report itself takes long under KASAN.
            kmemleak_empty() {
            	dmesg | grep 'suspected memory leaks' || return 0
            	cat /sys/kernel/debug/kmemleak
            	return 1
            }

            ktap_plan 7
            ktap_check "uoom is loaded" grep '^uoom ' /proc/modules
            ktap_check "/proc/oom_status" cat /proc/oom_status
            ktap_check "uoom status --json" status_json
            uname -r >/mnt/uname-r
            ktap_check "rmmod uoom" rmmod uoom
            ktap_check "/proc/oom_status is gone" test ! -e /proc/oom_status
            if [ -e /sys/kernel/debug/kmemleak ]; then
            	# kmemleak reports only objects older than 5 s.
            	read -r now _ </proc/uptime
            	age=$((${now%.*} - ${loaded_at%.*}))
            	[ "$age" -ge 6 ] || sleep $((6 - age))
            	ktap_check "kmemleak scan" kmemleak_scan
            	ktap_check "kmemleak found no leaks" kmemleak_empty
            else
            	ktap_skip "kmemleak scan" "no kmemleak in this kernel"
            	ktap_skip "kmemleak found no leaks" "no kmemleak in this kernel"
            fi
            ktap_finish
            """;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void moduleLoadsReportsItsModeAndUnloads(Flavour flavour, Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(flavour).scenario(SCENARIO).build());
        System.out.printf("[vm-test] SmokeVmTest %s: %s in %.1f s%n", flavour, result.outcome(),
                result.duration().toMillis() / 1000.0);
        if (flavour == Flavour.DEBUG) {
            VmAssertions.assertPassed(result);
        } else {
            VmAssertions.assertPassed(result, "kmemleak scan", "kmemleak found no leaks");
        }

        String mode = flavour.patched() ? "hooked" : "advisory";
        String version = modinfoVersion(flavour.module(vm.repo()));
        JsonNode status = new ObjectMapper().readTree(result.sharedFile("status.json"));
        assertEquals(mode, status.path("mode").asText(), status.toString());
        assertEquals(version, status.path("version").asText(), status.toString());
        String release = result.sharedFile("uname-r").strip();
        assertEquals(release, status.path("kernel").asText(), status.toString());
        assertTrue(release.endsWith("-uoom-" + flavour.id()), "booted " + release);

        KtapResult procStatus = result.ktap().result("/proc/oom_status").orElseThrow();
        assertTrue(procStatus.diagnostics().contains("mode: " + mode), procStatus.diagnostics().toString());
        assertTrue(procStatus.diagnostics().contains("version: " + version), procStatus.diagnostics().toString());
        if (flavour == Flavour.DEBUG) {
            VmAssertions.assertKtapOk(result, "kmemleak found no leaks");
        }
    }

    /** The version uoom.ko declares, as {@code modinfo -F version} on the host reads it. */
    private static String modinfoVersion(Path module) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("modinfo", "-F", "version", module.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), "modinfo " + module + ": " + out);
        return out;
    }
}
