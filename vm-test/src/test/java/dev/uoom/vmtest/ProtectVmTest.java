package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** OOM kill protection: /dev/oom_protect and /proc/oom_kill_protection/ on real kernels. */
@Tag("vm")
@ExtendWith(VmExtension.class)
class ProtectVmTest {

    static final String HELPERS = QueueVmTest.HELPERS + """
            CTL=/proc/oom_kill_protection/ctl
            STATUS=/proc/oom_kill_protection/status
            TOOLS=$UOOM_REPO/out/tools
            adj() { cat /proc/$1/oom_score_adj; }
            # ctl_refused LINE MESSAGE: writing LINE to ctl fails with MESSAGE (strerror).
            # dd, because dash's built-in echo reports every write error as "I/O error".
            ctl_write() { printf '%s\\n' "$1" | dd of=$CTL 2>&1; }
            ctl_refused() { out=$(ctl_write "$1"); echo "$out"; echo "$out" | grep -q "$2"; }
            """;

    /**
     * Scenario 1: a protected large process survives two OOMs: one decided by the kernel's
     * heuristic, and one with the protected process at the head of the queue. Protection wins.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Flavour.class, names = {"STOCK", "PATCHED"})
    void protectedProcessSurvivesTheHeuristicAndTheQueue(Flavour flavour, Vm vm) throws Exception {
        String scenario = HELPERS + """
                ktap_plan 6
                hog big 280 hold
                hog small 16 hold
                ktap_check "setprotection big" sh -c "echo setprotection $big 1 >$CTL"
                ktap_check "big's oom_score_adj is -1000" test "$(adj $big)" = -1000
                gated alloc
                open_gate
                wait $alloc
                gated alloc2
                ktap_check "queue: big small alloc2" sh -c "echo $big $small $alloc2 >/proc/oom"
                open_gate
                wait $alloc2
                fate big small alloc alloc2
                ktap_check "the protected process survived both OOMs" grep -q "^big .* alive" /mnt/fate
                ktap_check "heuristic: the allocator was taken first" sh -c "head -n 1 /mnt/victims | grep -qx $alloc"
                ktap_check "queue: its first unprotected entry was taken next" \\
                	sh -c "sed -n 2p /mnt/victims | grep -qx $small"
                ktap_finish
                """;
        VmResult result = vm.run(VmSpec.builder(flavour).scenario(scenario).build());
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
        String scenario = HELPERS + """
                ktap_plan 24
                hog s 4 hold
                echo 300 >/proc/$s/oom_score_adj
                ktap_check "setprotection $s 1" sh -c "echo setprotection $s 1 >$CTL"
                ktap_check "oom_score_adj -1000" test "$(adj $s)" = -1000
                ktap_diag "$(cat $STATUS)"
                ktap_check "status: saved 300, source uoom" grep -Eq "^$s +memhog +300 +uoom$" $STATUS
                ktap_check "setprotection $s 0 restores 300" sh -c "echo setprotection $s 0 >$CTL && test \\$(cat /proc/$s/oom_score_adj) = 300"
                ktap_check "status no longer lists it" sh -c "! grep -q '^$s ' $STATUS"

                # A parent protects itself, then forks.
                sh -c 'echo 200 >/proc/self/oom_score_adj; echo setprotection $$ >/proc/oom_kill_protection/ctl
                	sleep 1000 & echo $! >/tmp/child; wait' >/dev/null 2>&1 &
                parent=$!
                while [ ! -s /tmp/child ]; do sleep 0.1; done
                child=$(cat /tmp/child)
                ktap_diag "$(cat $STATUS)"
                ktap_check "a child forked after protection is protected" test "$(adj $child)" = -1000
                ktap_check "status: the child is inherited, saved 200" grep -Eq "^$child +sleep +200 +inherited$" $STATUS

                # Its protection ends by pid: the child gets the saved value back too.
                sh -c 'echo 150 >/proc/self/oom_score_adj; echo setprotection $$ >/proc/oom_kill_protection/ctl
                	sleep 1000 & echo $! >/tmp/child2; wait' >/dev/null 2>&1 &
                parent2=$!
                while [ ! -s /tmp/child2 ]; do sleep 0.1; done
                child2=$(cat /tmp/child2)
                ktap_check "setprotection PARENT 0 restores the parent and its child to 150" \\
                	sh -c "echo setprotection $parent2 0 >$CTL && test \\$(cat /proc/$parent2/oom_score_adj) = 150 && test \\$(cat /proc/$child2/oom_score_adj) = 150"

                # A held protection (another process holds it) of a parent that forks, ended by the holder's exit.
                sh -c 'echo 250 >/proc/self/oom_score_adj; while [ ! -e /tmp/go ]; do sleep 0.1; done
                	sleep 1000 & echo $! >/tmp/hchild; wait' >/dev/null 2>&1 &
                hparent=$!
                while [ "$(adj $hparent)" != 250 ]; do sleep 0.1; done
                $TOOLS/protect_test hold $hparent >/tmp/hold &
                holder=$!
                while ! grep -q holding /tmp/hold; do sleep 0.1; done
                touch /tmp/go
                while [ ! -s /tmp/hchild ]; do sleep 0.1; done
                hchild=$(cat /tmp/hchild)
                ktap_check "a child forked under a held protection is protected" test "$(adj $hchild)" = -1000
                kill $holder; wait $holder
                ktap_check "the holder's exit restores the parent and its child to 250" \\
                	sh -c "test \\$(cat /proc/$hparent/oom_score_adj) = 250 && test \\$(cat /proc/$hchild/oom_score_adj) = 250"

                ktap_check "the seed's C example protects its caller" $TOOLS/seed_protect
                ktap_check "pidfd ioctls, fd-held protection, bad ioctls" $TOOLS/protect_test

                NOBODY="--reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all"
                ktap_check "uid 65534 cannot protect itself (EPERM)" \\
                	sh -c "setpriv $NOBODY $TOOLS/protect_test self 1 | grep -q 'Operation not permitted'"
                ktap_check "uid 65534 cannot protect others (EPERM)" \\
                	sh -c "setpriv $NOBODY $TOOLS/protect_test pid $s 1 | grep -q 'Operation not permitted'"
                ktap_check "uid 65534 cannot open ctl (EACCES)" \\
                	sh -c "setpriv $NOBODY sh -c 'echo setprotection $s 1 >$CTL' 2>&1 | grep -q 'Permission denied'"
                ktap_check "root without CAP_SYS_RESOURCE cannot use ctl (EPERM)" \\
                	sh -c "echo setprotection $s 1 | setpriv --inh-caps=-sys_resource --bounding-set=-sys_resource dd of=$CTL 2>&1 | grep -q 'Operation not permitted'"
                sh -c "echo 300 >/proc/self/oom_score_adj; echo setprotection \\$\\$ >$CTL
                	exec setpriv $NOBODY $TOOLS/protect_test self 0 >/tmp/drop"
                ktap_diag "$(cat /tmp/drop)"
                ktap_check "uid 65534 can drop its own protection, back to 300" grep -qx "oom_score_adj 300" /tmp/drop

                bad_lines() {
                	for l in "setprotection" "setprotection abc" "setprotection $s 2" "setprotection $s 1 x" \\
                		"protect $s" "setprotection -5" "setprotection 0" "setprotection 99999999999" \\
                		"setprotection ${s}x" "setprotection $(printf %070d $s)"; do
                		ctl_refused "$l" "Invalid argument" || { echo "accepted: $l"; return 1; }
                	done
                }
                ktap_check "bad ctl lines get EINVAL" bad_lines
                ktap_check "a missing pid gets ESRCH" ctl_refused "setprotection 4194303" "No such process"
                ktap_check "bad input changed nothing" sh -c "test \\$(cat /proc/$s/oom_score_adj) = 300 && ! grep -q '^$s ' $STATUS"

                echo setprotection $s 1 >$CTL
                ktap_check "rmmod uoom" rmmod uoom
                ktap_check "unload restored 300" test "$(adj $s)" = 300
                ktap_check "unload restored the parent and the inherited child to 200" \\
                	sh -c "test \\$(cat /proc/$parent/oom_score_adj) = 200 && test \\$(cat /proc/$child/oom_score_adj) = 200"
                ktap_check "after unload, children of ended protections keep their restored values" \\
                	sh -c "test \\$(cat /proc/$child2/oom_score_adj) = 150 && test \\$(cat /proc/$hchild/oom_score_adj) = 250"
                kill $child $parent $child2 $parent2 $hchild $hparent
                ktap_finish
                """;
        VmResult result = vm.run(VmSpec.builder(flavour).scenario(scenario).build());
        VmAssertions.assertPassed(result);
    }

    /** Scenario 8: 100 load, protect, unload cycles on the debug kernel; no KASAN, lockdep or kmemleak report. */
    @Test
    void loadUnloadCyclesOnTheDebugKernel(Vm vm) throws Exception {
        String scenario = HELPERS + """
                ktap_plan 3
                hog p 4 hold
                echo 300 >/proc/$p/oom_score_adj
                rmmod uoom
                ktap_check "100 load/protect/unload cycles" $TOOLS/modcycle "$UOOM_MODULE" 100 $p
                ktap_check "oom_score_adj restored to 300" test "$(adj $p)" = 300
                ktap_kmemleak_clean
                ktap_finish
                """;
        VmResult result = vm.run(VmSpec.builder(Flavour.DEBUG).timeout(Duration.ofSeconds(400)).scenario(scenario).build());
        VmAssertions.assertPassed(result);
    }
    /** The Java CLI over JNA: {@code uoom protect}, {@code protected} and {@code unprotect} on a real module. */
    @Test
    void javaCliProtectsListsAndRestores(Vm vm) throws Exception {
        String scenario = HELPERS + """
                ktap_plan 6
                UOOM=$UOOM_REPO/out/uoom
                hog s 4 hold
                echo 300 >/proc/$s/oom_score_adj
                ktap_check "uoom protect $s --json" sh -c "$UOOM protect $s --json >/mnt/protect.json"
                ktap_check "its oom_score_adj is -1000" test "$(adj $s)" = -1000
                ktap_check "uoom protected lists it, saved 300" sh -c "$UOOM protected | grep -Eq '^ *$s +memhog +300 +uoom$'"
                ktap_check "uoom unprotect restores 300" \\
                	sh -c "$UOOM unprotect $s >/dev/null && test \\$(cat /proc/$s/oom_score_adj) = 300"
                ktap_check "uoom daemon --once protects what its config lists" \\
                	sh -c "$UOOM daemon --once --config /mnt/daemon.yaml 2>/mnt/daemon.log; test \\$(cat /proc/$s/oom_score_adj) = -1000"
                ktap_diag "$(cat /mnt/daemon.log)"
                ktap_check "and logs it" grep -q "protected pid $s memhog (oom_score_adj was 300)" /mnt/daemon.log
                ktap_finish
                """;
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).timeout(Duration.ofSeconds(240)).scenario(scenario)
                .file("daemon.yaml", "protect:\n  - cmdline: '^[^ ]*memhog 4 hold$'\n").build());
        VmAssertions.assertPassed(result);
        com.fasterxml.jackson.databind.JsonNode target =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.sharedFile("protect.json")).get("target");
        assertTrue(target.get("isProtected").asBoolean(), target.toString());
        assertEquals(300, target.get("savedAdj").asInt(), target.toString());
    }
}
