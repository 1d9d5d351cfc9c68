package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        OomFate fate = runOomChoice(vm, Flavour.PATCHED, true);
        assertEquals(List.of(fate.pid("small"), fate.pid("alloc")), fate.victims(), fate.toString());
        assertTrue(fate.alive("big"), fate.toString());
        assertEquals(Optional.of("2"), fate.statusValue("kills"), fate.status());
        assertEquals(Optional.of("0"), fate.statusValue("fallbacks"), fate.status());
    }

    /**
     * Scenario 2, advisory mode: uoom raises the queue head's oom_score_adj to 1000 and moves on
     * after each kill. In this scenario that makes the heuristic take the queued processes in order.
     */
    @Test
    void stockKernelWithAdvisoryModuleFollowsTheQueueHere(Vm vm) throws Exception {
        OomFate fate = runOomChoice(vm, Flavour.STOCK, true);
        assertEquals(fate.pid("small"), fate.victims().get(0), fate.toString());
        assertTrue(fate.alive("big"), fate.toString());
        assertEquals(Optional.of("advisory"), fate.statusValue("mode"), fate.status());
    }

    /** Scenario 3, the control: without uoom the heuristic kills the large process first. */
    @Test
    void stockKernelWithoutUoomKillsTheLargeProcess(Vm vm) throws Exception {
        OomFate fate = runOomChoice(vm, Flavour.STOCK, false);
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
        OomFate fate = OomFate.of(result);
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
        OomFate fate = OomFate.of(result);
        assertEquals(fate.pid("inside"), fate.victims().get(0), fate.toString());
        assertTrue(fate.alive("outside"), fate.toString());
    }

    /** Test cases in patches/'s oom_queue_test.c; a run with fewer lost some. */
    private static final int KSELFTEST_CASES = 9;

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
        Matcher passed = Pattern.compile("# PASSED: (\\d+) / \\1 tests passed\\.").matcher(log);
        assertTrue(passed.find() && Integer.parseInt(passed.group(1)) >= KSELFTEST_CASES, log);
        assertTrue(log.contains("fail:0 xfail:0 xpass:0 skip:0 error:0"), log);
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

    /**
     * Scenario 9: a list split over two write(2) calls on one open file. Only the first write is
     * taken; the second gets EINVAL and is never read as a list of its own, also when the first was
     * refused. A write that fills the size limit without ending in white space was cut there, and is
     * refused. A list longer than the 4096 bytes bash and coreutils write at a time goes through dd.
     */
    @Test
    void aListSplitOverTwoWritesIsRefused(Vm vm) throws Exception {
        String scenario = HELPERS + """
                ktap_plan 9
                sleeper a 0; sleeper b 0; sleeper c 0
                limit=$(($(cat /sys/module/uoom/parameters/max_queue) * 32))
                echo $c >/proc/oom
                ktap_check "first part taken, second refused (EINVAL)" test "$(writes "$a " "$b")" = "ok|Invalid argument"
                ktap_check "the queue is the first part" test "$(cat /proc/oom)" = "$a"
                echo $c >/proc/oom
                ktap_check "first part refused (ESRCH), second refused (EINVAL)" \\
                	test "$(writes "4194303 " "$b")" = "No such process|Invalid argument"
                ktap_check "the queue is unchanged" test "$(cat /proc/oom)" = "$c"
                ktap_check "$limit bytes cut in a token: EINVAL" test "$(writes "$(pad $limit $a)")" = "Invalid argument"
                ktap_check "the queue is unchanged" test "$(cat /proc/oom)" = "$c"
                ktap_check "$limit bytes ending in a space are taken" test "$(writes "$(pad $((limit - 1)) $a) ")" = ok
                ktap_check "the queue is that list" test "$(cat /proc/oom)" = "$a"
                pad 5000 $b | dd of=/proc/oom bs=1M iflag=fullblock 2>/tmp/dd.err
                ktap_diag "$(cat /tmp/dd.err)"
                ktap_check "dd iflag=fullblock writes a 5000-byte list in one piece" test "$(cat /proc/oom)" = "$b"
                ktap_finish
                """;
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).scenario(scenario).build());
        VmAssertions.assertPassed(result);
    }

    /**
     * Scenario 10, advisory mode without an OOM: when the raised head exits normally the next entry
     * is raised (the exited process, a zombie, is no longer listed); protecting the raised head
     * hands it over (unprotect restores its value from before the boost) and raises the next one;
     * unloading restores the last. On the debug kernel, which is patched, the module is reloaded
     * with {@code advisory=1}, and kmemleak must find nothing after the unload.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Flavour.class, names = {"STOCK", "DEBUG"})
    void advisoryBoostMovesOnWhenTheHeadExitsOrIsProtected(Flavour flavour, Vm vm) throws Exception {
        boolean debug = flavour == Flavour.DEBUG;
        String reload = debug ? "rmmod uoom && insmod \"$UOOM_MODULE\" advisory=1\n" : "";
        String leaks = debug ? "ktap_kmemleak_clean\n" : "";
        String scenario = HELPERS + reload + "ktap_plan " + (debug ? 13 : 12) + "\n" + """
                ktap_check "mode: advisory" grep -qx "mode: advisory" /proc/oom_status
                CTL=/proc/oom_kill_protection/ctl
                sleeper a 0; sleeper b 200; sleeper c 100
                echo "$a $b $c" >/proc/oom
                ktap_check "the head is raised to 1000" test "$(cat /proc/$a/oom_score_adj)" = 1000
                echo >/tmp/a.exit
                ktap_check "the head exits (a zombie): the next entry is raised" wait_adj $b 1000
                ktap_diag "$(cat /proc/oom_status)"
                ktap_check "status: advisory_head $b, saved 200" \\
                	sh -c "grep -qx 'advisory_head: $b' /proc/oom_status && grep -qx 'advisory_saved_adj: 200' /proc/oom_status"
                ktap_check "the exited head is a zombie" grep -q "^State:.*zombie" /proc/$a/status
                ktap_check "the zombie is not listed" test "$(cat /proc/oom)" = "$b $c"
                ktap_check "queue_length counts live processes only" grep -qx "queue_length: 2" /proc/oom_status
                # Raised already; the write makes sure, so that the hand-over is checked on its own.
                echo "$b $c" >/proc/oom
                echo setprotection $b 1 >$CTL
                ktap_check "protecting the raised head raises the next entry" wait_adj $c 1000
                ktap_check "the protected head is at -1000" test "$(cat /proc/$b/oom_score_adj)" = -1000
                echo setprotection $b 0 >$CTL
                ktap_check "unprotect restores the value from before the boost" test "$(cat /proc/$b/oom_score_adj)" = 200
                ktap_check "rmmod uoom" rmmod uoom
                ktap_check "unload restored the raised entry" test "$(cat /proc/$c/oom_score_adj)" = 100
                """ + leaks + """
                ktap_finish
                """;
        VmResult result = vm.run(VmSpec.builder(flavour).timeout(Duration.ofSeconds(300)).scenario(scenario).build());
        VmAssertions.assertPassed(result);
    }

    private static OomFate runOomChoice(Vm vm, Flavour flavour, boolean module) throws Exception {
        VmResult result = vm.run(VmSpec.builder(flavour).loadModule(module).scenario(OOM_CHOICE).build());
        VmAssertions.assertPassed(result);
        return OomFate.of(result);
    }
}
