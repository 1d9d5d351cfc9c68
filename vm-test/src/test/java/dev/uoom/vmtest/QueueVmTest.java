package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The /proc/oom candidate queue in real kernels: who the OOM killer takes, with the hook
 * (patched), with the advisory module (stock), and without uoom at all.
 *
 * <p>Each scenario saves the fate of its processes to {@code /mnt/fate} ("name pid alive|dead"
 * lines) and the OOM victims, in the order the kernel logged them, to {@code /mnt/victims}.
 */
@Tag("vm")
@ExtendWith(VmExtension.class)
class QueueVmTest {

    /** Shell helpers shared by the scenarios; sourced after ktap.sh. */
    /** Sources the KTAP and OOM scenario helpers of vm-test/guest/. */
    static final String HELPERS = """
            . "$UOOM_REPO/vm-test/guest/ktap.sh"
            . "$UOOM_REPO/vm-test/guest/oom.sh"
            """;

    /**
     * Scenarios 1-3: a large "important" process, a small one, and an allocator that drives the
     * guest out of memory. With uoom loaded the small process and the allocator are queued.
     */
    private static final String OOM_CHOICE = HELPERS + """
            ktap_plan 3
            hog big 280 hold
            hog small 16 hold
            gated alloc
            if [ -e /proc/oom ]; then
            	ktap_check "queue the small process, then the allocator" sh -c "echo $small $alloc >/proc/oom"
            	ktap_diag "$(cat /proc/oom_status)"
            else
            	ktap_ok "no uoom module: nothing queued"
            fi
            open_gate
            wait $alloc
            ktap_ok "the allocator was killed (status $?)"
            fate big small alloc
            [ -e /proc/oom_status ] && ktap_diag "$(cat /proc/oom_status)"
            ktap_check "the kernel logged an OOM kill" test -s /mnt/victims
            ktap_finish
            """;

    @Test
    void patchedKernelKillsTheQueuedProcessAndSparesTheLargeOne(Vm vm) throws Exception {
        Fate fate = runOomChoice(vm, Flavour.PATCHED, true);
        assertEquals(List.of(fate.pid("small"), fate.pid("alloc")), fate.victims(), fate.toString());
        assertTrue(fate.alive("big"), fate.toString());
        assertTrue(fate.status().contains("kills: 2"), fate.status());
        assertTrue(fate.status().contains("fallbacks: 0"), fate.status());
    }

    /**
     * Scenario 2, advisory mode: uoom raises the queue head's oom_score_adj to 1000 and moves on
     * after each kill. In this scenario that makes the heuristic take the queued processes in order.
     */
    @Test
    void stockKernelWithAdvisoryModuleFollowsTheQueueHere(Vm vm) throws Exception {
        Fate fate = runOomChoice(vm, Flavour.STOCK, true);
        assertEquals(fate.pid("small"), fate.victims().get(0), fate.toString());
        assertTrue(fate.alive("big"), fate.toString());
        assertTrue(fate.status().contains("mode: advisory"), fate.status());
    }

    /** Scenario 3, the control: without uoom the heuristic kills the large process first. */
    @Test
    void stockKernelWithoutUoomKillsTheLargeProcess(Vm vm) throws Exception {
        Fate fate = runOomChoice(vm, Flavour.STOCK, false);
        assertEquals(fate.pid("big"), fate.victims().get(0), fate.toString());
        assertTrue(fate.alive("small"), fate.toString());
    }

    /** Scenario 4: a queued pid exits and its number is recycled; the new process survives the OOM. */
    @Test
    void recycledPidIsNeverKilled(Vm vm) throws Exception {
        String scenario = HELPERS + """
                ktap_plan 5
                # Allocate pids up to 320 so that a small pid_max makes the number come round again.
                while [ "${p:-0}" -lt 320 ]; do true & p=$!; wait $p; done
                gated alloc
                hog old 8 hold
                ktap_check "queue old, then the allocator" sh -c "echo $old $alloc >/proc/oom"
                kill -9 $old; wait $old
                echo $((old + 1)) >/proc/sys/kernel/pid_max
                tries=0
                while [ $tries -lt 100 ]; do
                	# Burn pids until one just below $old (which may be taken) was the last, then fork.
                	target=$((old - 1 - tries % 3)) n=0
                	while [ $n -lt 1000 ]; do
                		true & p=$!; wait $p; n=$((n + 1))
                		[ $p = $target ] && break
                	done
                	hog new 8 hold
                	[ "$new" = "$old" ] && break
                	kill -9 $new; wait $new 2>/dev/null
                	tries=$((tries + 1))
                done
                ktap_check "pid $old was recycled (after $tries tries)" test "$new" = "$old"
                ktap_check "the recycled pid is not in the queue" sh -c "! grep -qw $new /proc/oom"
                ktap_diag "queue: $(cat /proc/oom)"
                open_gate
                wait $alloc
                fate new alloc
                ktap_check "the new process survived" grep -q "^new .* alive" /mnt/fate
                ktap_check "the allocator was the victim" grep -qx "$alloc" /mnt/victims
                ktap_finish
                """;
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).scenario(scenario).build());
        VmAssertions.assertPassed(result);
        Fate fate = Fate.of(result);
        assertTrue(fate.alive("new"), fate.toString());
        assertFalse(fate.victims().contains(fate.pid("new")), fate.toString());
    }

    /** Scenario 5: a memcg OOM takes the first queued task inside the memcg, not the one outside. */
    @Test
    void memcgOomOnlyTakesQueuedTasksInsideTheGroup(Vm vm) throws Exception {
        String scenario = HELPERS + """
                ktap_plan 4
                cg=/sys/fs/cgroup/box
                echo +memory >/sys/fs/cgroup/cgroup.subtree_control
                mkdir $cg
                echo 64M >$cg/memory.max
                hog outside 16 hold
                # Children of this shell start in the group.
                echo $$ >$cg/cgroup.procs
                hog inside 8 hold
                gated alloc
                echo $$ >/sys/fs/cgroup/cgroup.procs
                ktap_check "queue outside, inside, allocator" sh -c "echo $outside $inside $alloc >/proc/oom"
                open_gate
                wait $alloc
                fate outside inside alloc
                ktap_diag "$(cat $cg/memory.events)"
                ktap_check "the task outside the group survived" grep -q "^outside .* alive" /mnt/fate
                ktap_check "the queued task inside the group was the first victim" \\
                	sh -c "head -n 1 /mnt/victims | grep -qx $inside"
                ktap_check "memory.events counts the kills" grep -q "^oom_kill [1-9]" $cg/memory.events
                ktap_finish
                """;
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).scenario(scenario).build());
        VmAssertions.assertPassed(result);
        Fate fate = Fate.of(result);
        assertEquals(fate.pid("inside"), fate.victims().get(0), fate.toString());
        assertTrue(fate.alive("outside"), fate.toString());
    }

    /** Scenario 7: the kselftest from patches/, whose bad-input table checks every errno. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void kselftestPassesWithoutSkips(Flavour flavour, Vm vm) throws Exception {
        String scenario = """
                . "$UOOM_REPO/vm-test/guest/ktap.sh"
                ktap_plan 1
                ktap_check "oom_queue kselftest" "$UOOM_REPO/out/tools/oom_queue_test"
                ktap_finish
                """;
        VmResult result = vm.run(VmSpec.builder(flavour).scenario(scenario).build());
        VmAssertions.assertPassed(result);
        String log = String.join("\n", result.ktap().result("oom_queue kselftest").orElseThrow().diagnostics());
        assertTrue(log.contains("# PASSED: 7 / 7 tests passed."), log);
        assertTrue(log.contains("skip:0 error:0"), log);
    }

    /** Scenario 8: writers without root or without CAP_SYS_RESOURCE are refused; the queue stays. */
    @Test
    void unprivilegedWritersAreRefused(Vm vm) throws Exception {
        String scenario = HELPERS + """
                ktap_plan 5
                hog a 4 hold
                echo $a >/proc/oom
                write_as() { setpriv "$@" sh -c 'echo $$ | dd of=/proc/oom 2>&1'; }
                out=$(write_as --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all)
                ktap_diag "$out"
                ktap_check "uid 65534 cannot open /proc/oom (EACCES)" sh -c "echo '$out' | grep -q 'Permission denied'"
                out=$(write_as --inh-caps=-sys_resource --bounding-set=-sys_resource)
                ktap_diag "$out"
                ktap_check "root without CAP_SYS_RESOURCE cannot write (EPERM)" \\
                	sh -c "echo '$out' | grep -q 'Operation not permitted'"
                ktap_check "the queue is unchanged" test "$(cat /proc/oom)" = "$a"
                ktap_check "anyone may read the queue" setpriv --reuid=65534 --regid=65534 --clear-groups cat /proc/oom
                ktap_check "root with CAP_SYS_RESOURCE can clear it" sh -c 'echo >/proc/oom && test -z "$(cat /proc/oom)"'
                ktap_finish
                """;
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).scenario(scenario).build());
        VmAssertions.assertPassed(result);
    }

    private static Fate runOomChoice(Vm vm, Flavour flavour, boolean module) throws Exception {
        VmResult result = vm.run(VmSpec.builder(flavour).loadModule(module).scenario(OOM_CHOICE).build());
        VmAssertions.assertPassed(result);
        return Fate.of(result);
    }

    /** What happened to the scenario's processes. */
    record Fate(Map<String, Integer> pids, Map<String, Boolean> alive, List<Integer> victims, String status) {

        static Fate of(VmResult result) throws IOException {
            List<String[]> lines = result.sharedFile("fate").lines().map(l -> l.split(" ")).toList();
            Map<String, Integer> pids = lines.stream().collect(Collectors.toMap(l -> l[0], l -> Integer.parseInt(l[1])));
            Map<String, Boolean> alive = lines.stream().collect(Collectors.toMap(l -> l[0], l -> l[2].equals("alive")));
            List<Integer> victims = Arrays.stream(result.sharedFile("victims").split("\\s+"))
                    .filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
            String status = result.ktap().results().stream().flatMap(r -> r.diagnostics().stream())
                    .filter(d -> d.contains(": ")).collect(Collectors.joining("\n"));
            return new Fate(pids, alive, victims, status);
        }

        int pid(String name) {
            return pids.get(name);
        }

        boolean alive(String name) {
            return alive.get(name);
        }
    }
}
