package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rules of the kernel that the OOM select hook must keep, and the provenance of the kills it
 * chooses, in real kernels. The guest side is in {@code vm-test/guest/scenarios/queue-rules/}.
 *
 * <p>The origin scenario runs swapoff out of memory: swapoff marks itself with
 * {@code set_current_oom_origin()}, so the kernel kills it before any other task, and the hook's
 * proposal (a queued small process) is overruled. With the series before this rule was kept, the
 * small process died first. On the debug kernel these scenarios run in {@link DebugVmTest}.
 */
@Tag("vm")
@ExtendWith(VmExtension.class)
class KernelRulesVmTest {

    static final String ORIGIN = "queue-rules/origin-swapoff";
    static final String POLICY = "queue-rules/policy-named";
    static final String SHARERS = "queue-rules/mm-sharers";

    @Test
    void anOomOriginTaskIsKilledBeforeTheQueuedProcess(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).scenario(Scenario.of(ORIGIN)).build());
        VmAssertions.assertPassed(result);
        assertOriginOverruledTheQueue(result.shareDir());
    }

    /** The control: the kernel's own rule, without uoom, takes swapoff first in this scenario too. */
    @Test
    void withoutUoomTheKernelKillsTheOriginTaskFirst(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.STOCK).loadModule(false)
                .scenario(Scenario.of(ORIGIN)).build());
        VmAssertions.assertPassed(result);
        OomFate fate = OomFate.of(result);
        assertEquals(fate.pid("swapoff"), fate.victims().get(0), fate.toString());
        assertTrue(fate.alive("small"), fate.toString());
    }

    @Test
    void aHookedKillNamesUoomsPolicy(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).scenario(Scenario.of(POLICY)).build());
        VmAssertions.assertPassed(result);
        assertPolicyNamed(result.shareDir());
    }

    /**
     * Protection through the kernel's oom_score_adj_set(): the CLONE_VM child of a protected
     * process, which the kernel would kill with it, is protected too and restored with it.
     */
    @Test
    void protectionCoversTheProcessesSharingTheMm(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).scenario(Scenario.of(SHARERS)).build());
        VmAssertions.assertPassed(result);
        assertSharersSurvived(result.shareDir());
    }

    static void assertSharersSurvived(Path share) throws IOException {
        OomFate fate = OomFate.of(share);
        assertTrue(fate.alive("sharer") && fate.alive("child"), fate.toString());
        assertEquals(fate.pid("alloc"), fate.victims().get(0), fate.toString());
        String trace = Files.readString(share.resolve("trace"));
        assertTrue(trace.contains("oom_score_adj_update: pid=" + fate.pid("sharer") + " comm=mm_sharer oom_score_adj=-1000"),
                trace);
    }

    static void assertOriginOverruledTheQueue(Path share) throws IOException {
        OomFate fate = OomFate.of(share);
        int swapoff = fate.pid("swapoff");
        int small = fate.pid("small");
        assertEquals(swapoff, fate.victims().get(0), fate.toString());
        assertTrue(fate.alive("small"), fate.toString());
        assertFalse(fate.victims().contains(small), fate.toString());
        String dmesg = Files.readString(share.resolve("dmesg"));
        assertTrue(dmesg.contains("Out of memory: Killed process " + swapoff + " (swapoff)"),
                "the kernel's own kill names no policy:\n" + dmesg);
        String trace = Files.readString(share.resolve("trace"));
        assertTrue(trace.contains("oom_select_overruled: policy=uoom proposed=" + small + " reason=origin pid="
                + swapoff + " comm=swapoff"), trace);
    }

    static void assertPolicyNamed(Path share) throws IOException {
        OomFate fate = OomFate.of(share);
        assertEquals(fate.pid("small"), fate.victims().get(0), fate.toString());
        String dmesg = Files.readString(share.resolve("dmesg"));
        assertTrue(dmesg.contains("Out of memory (policy uoom): Killed process " + fate.pid("small") + " (memhog)"),
                dmesg);
        assertTrue(dmesg.contains("oom-kill: victim chosen by OOM policy uoom (uoom)"), dmesg);
        assertFalse(dmesg.contains("(policy uoom): Killed process " + fate.pid("alloc") + " "), dmesg);
    }
}
