package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The /proc/oom candidate queue in real kernels: who the OOM killer takes, with the hook
 * (patched), with the advisory module (stock), and without uoom at all. The guest side is in
 * {@code vm-test/guest/scenarios/queue/}.
 *
 * <p>Each OOM scenario saves the fate of its processes, the OOM victims in the order the kernel
 * logged them, and the post-OOM {@code /proc/oom_status}; {@link OomFate} reads them.
 */
@Tag("vm")
@ExtendWith(VmExtension.class)
class QueueVmTest {

    /**
     * Guest memory for the OOM choice scenarios, pinned rather than left to the flavour default.
     * With 512 MiB the 280 MiB "big" process is still the largest when memory runs out (the
     * allocator has got only what is left), so the kernel's heuristic alone takes it first: that
     * is what the control asserts, and what the queue must override. In a larger guest the
     * allocator would outgrow it, and the heuristic would take the allocator with or without uoom.
     */
    private static final int OOM_CHOICE_MIB = 512;

    @Test
    void patchedKernelKillsTheQueuedProcessAndSparesTheLargeOne(Vm vm) throws Exception {
        OomFate fate = runOomChoice(vm, Flavour.PATCHED, true);
        assertEquals(List.of(fate.pid("small"), fate.pid("alloc")), fate.victims(), fate.toString());
        assertTrue(fate.alive("big"), fate.toString());
        assertEquals(Optional.of("2"), fate.statusValue("kills"), fate.status());
        assertEquals(Optional.of("0"), fate.statusValue("fallbacks"), fate.status());
    }

    /**
     * Advisory mode: uoom raises the queue head's oom_score_adj to 1000 and moves on after each
     * kill. In this scenario that makes the heuristic take the queued processes in order.
     */
    @Test
    void stockKernelWithAdvisoryModuleFollowsTheQueueHere(Vm vm) throws Exception {
        OomFate fate = runOomChoice(vm, Flavour.STOCK, true);
        assertEquals(fate.pid("small"), fate.victims().get(0), fate.toString());
        assertTrue(fate.alive("big"), fate.toString());
        assertEquals(Optional.of("advisory"), fate.statusValue("mode"), fate.status());
    }

    /** The control: without uoom the heuristic kills the large process first (see {@link #OOM_CHOICE_MIB}). */
    @Test
    void stockKernelWithoutUoomKillsTheLargeProcess(Vm vm) throws Exception {
        OomFate fate = runOomChoice(vm, Flavour.STOCK, false);
        assertEquals(fate.pid("big"), fate.victims().get(0), fate.toString());
        assertTrue(fate.alive("small"), fate.toString());
        assertEquals("", fate.status(), "no module, so no /proc/oom_status");
    }

    /** A queued pid exits and its number is recycled; the new process survives the OOM. */
    @Test
    void recycledPidIsNeverKilled(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).scenario(Scenario.of("queue/recycled-pid")).build());
        VmAssertions.assertPassed(result);
        OomFate fate = OomFate.of(result);
        assertTrue(fate.alive("new"), fate.toString());
        assertFalse(fate.victims().contains(fate.pid("new")), fate.toString());
        assertTrue(fate.victims().contains(fate.pid("alloc")), fate.toString());
    }

    /** A memcg OOM takes the first queued task inside the memcg, not the one outside. */
    @Test
    void memcgOomOnlyTakesQueuedTasksInsideTheGroup(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).scenario(Scenario.of("queue/memcg-oom")).build());
        VmAssertions.assertPassed(result);
        OomFate fate = OomFate.of(result);
        assertEquals(fate.pid("inside"), fate.victims().get(0), fate.toString());
        assertTrue(fate.alive("outside"), fate.toString());
    }

    /** Test cases in patches/'s oom_queue_test.c; a run with fewer lost some. */
    private static final int KSELFTEST_CASES = 10;

    /**
     * The kselftest from patches/, whose bad-input table checks every errno. {@link DebugVmTest}
     * runs it on the debug kernel.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Flavour.class, names = {"STOCK", "PATCHED"})
    void kselftestPassesWithoutSkips(Flavour flavour, Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(flavour).scenario(Scenario.of("queue/kselftest")).build());
        VmAssertions.assertPassed(result);
        assertKselftestPassed(result.ktap());
    }

    /** Every case of the kselftest ran and passed, and none was skipped. */
    static void assertKselftestPassed(KtapReport ktap) {
        String log = String.join("\n", ktap.result("oom_queue kselftest").orElseThrow().diagnostics());
        Matcher passed = Pattern.compile("# PASSED: (\\d+) / \\1 tests passed\\.").matcher(log);
        assertTrue(passed.find() && Integer.parseInt(passed.group(1)) >= KSELFTEST_CASES, log);
        assertTrue(log.contains("fail:0 xfail:0 xpass:0 skip:0 error:0"), log);
    }

    /** Writers without root or without CAP_SYS_RESOURCE are refused by errno; the queue stays. */
    @Test
    void unprivilegedWritersAreRefused(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED)
                .scenario(Scenario.of("queue/unprivileged-writers")).build());
        VmAssertions.assertPassed(result);
    }

    /**
     * A list split over two write(2) calls on one open file: only the first write is taken, the
     * second gets EINVAL; a write cut at the size limit is refused; dd writes a 5000-byte list whole.
     */
    @Test
    void aListSplitOverTwoWritesIsRefused(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).scenario(Scenario.of("queue/split-writes")).build());
        VmAssertions.assertPassed(result);
    }

    /**
     * Advisory mode without an OOM: the boost moves on when the raised head exits or is protected,
     * and unloading restores the last. {@link DebugVmTest} runs it on the debug kernel, which is
     * patched, with the module reloaded with {@code advisory=1}.
     */
    @Test
    void advisoryBoostMovesOnWhenTheHeadExitsOrIsProtected(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.STOCK).scenario(Scenario.of("queue/advisory-boost")).build());
        VmAssertions.assertPassed(result);
    }

    private static OomFate runOomChoice(Vm vm, Flavour flavour, boolean module) throws Exception {
        VmResult result = vm.run(VmSpec.builder(flavour).memoryMiB(OOM_CHOICE_MIB).loadModule(module)
                .scenario(Scenario.of("queue/oom-choice")).build());
        VmAssertions.assertPassed(result);
        VmAssertions.assertKtapOk(result, "the allocator ended by SIGKILL");
        return OomFate.of(result);
    }
}
