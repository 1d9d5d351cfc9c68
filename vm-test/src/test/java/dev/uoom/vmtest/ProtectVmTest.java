package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OOM kill protection: /dev/oom_protect and /proc/oom_kill_protection/ on real kernels. The guest
 * side is in {@code vm-test/guest/scenarios/protect/}.
 */
@Tag("vm")
@ExtendWith(VmExtension.class)
class ProtectVmTest {

    /**
     * Scenario 1: a protected large process survives two OOMs: one decided by the kernel's
     * heuristic, and one with the protected process at the head of the queue. Protection wins.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Flavour.class, names = {"STOCK", "PATCHED"})
    void protectedProcessSurvivesTheHeuristicAndTheQueue(Flavour flavour, Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(flavour).scenario(Scenario.of("protect/survives-oom")).build());
        VmAssertions.assertPassed(result);
        OomFate fate = OomFate.of(result);
        assertTrue(fate.alive("big"), fate.toString());
        assertEquals(fate.pid("alloc"), fate.victims().get(0), fate.toString());
        assertEquals(fate.pid("small"), fate.victims().get(1), fate.toString());
    }

    /**
     * Scenarios 2-7: unprotect restores the exact value, children inherit and get the saved value
     * back when the protection ends (by pid, by the holder's exit, at unload), the seed's example
     * works, unprivileged callers are refused but may drop their own protection, every bad input
     * gets its errno, and unloading the module restores every saved value.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Flavour.class, names = {"STOCK", "PATCHED"})
    void protectionSemantics(Flavour flavour, Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(flavour).scenario(Scenario.of("protect/semantics")).build());
        VmAssertions.assertPassed(result);
    }

    /** The Java CLI over JNA: {@code uoom protect}, {@code protected} and {@code unprotect} on a real module. */
    @Test
    void javaCliProtectsListsAndRestores(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).timeout(Duration.ofSeconds(240))
                .scenario(Scenario.of("protect/java-cli"))
                .file("daemon.yaml", "protect:\n  - cmdline: '^[^ ]*memhog 4 hold$'\n").build());
        VmAssertions.assertPassed(result);
        JsonNode target = new ObjectMapper().readTree(result.sharedFile("protect.json")).get("target");
        assertTrue(target.get("isProtected").asBoolean(), target.toString());
        assertEquals(300, target.get("savedAdj").asInt(), target.toString());
    }
}
