package dev.uoom.vmtest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pid namespaces: {@code /proc/oom} and {@code /proc/oom_kill_protection/ctl} resolve pids in the
 * writer's namespace, and {@code /proc/oom} and {@code status} show them in the reader's, leaving
 * out processes the reader cannot see. A shell in a new pid namespace (pid 1 there, with its own
 * /proc) queues and protects its child by its inner pid 2; the root namespace sees the child's
 * outer pid. A reader in a new namespace that reads through the root namespace's /proc sees
 * neither.
 */
@Tag("vm")
@ExtendWith(VmExtension.class)
class PidNamespaceVmTest {

    @Test
    void pidsAreResolvedInTheWritersNamespaceAndShownInTheReaders(Vm vm) throws Exception {
        String scenario = QueueVmTest.HELPERS + """
                ktap_plan 12
                CTL=/proc/oom_kill_protection/ctl
                sleep 1000 &
                out=$!
                echo setprotection $out 1 >$CTL
                cat >/tmp/inner.sh <<'EOF'
                sleep 1000 &
                echo "$$ $!" >/tmp/ns.pids
                echo 2 >/proc/oom && cat /proc/oom >/tmp/ns.queue
                echo setprotection 2 1 >/proc/oom_kill_protection/ctl && awk 'NR > 3 { print $1 }' /proc/oom_kill_protection/status >/tmp/ns.status
                echo ready >/tmp/ns.ready
                while [ ! -e /tmp/ns.go ]; do sleep 0.05; done
                cat /proc/oom >/tmp/ns.queue2
                read -r outer </tmp/ns.go
                perl -e 'open(my $f, ">", "/proc/oom") or die "open: $!\\n"; print defined(syswrite($f, $ARGV[0])) ? "ok\\n" : "$!\\n"' "$outer" >/tmp/ns.esrch
                cat /proc/oom >/tmp/ns.queue3
                echo done >/tmp/ns.done
                wait
                EOF
                unshare -p -f --mount-proc sh /tmp/inner.sh &
                while [ ! -e /tmp/ns.ready ]; do sleep 0.05; done
                # The child's outer pid: the process whose NSpid ends in 2 in a nested namespace.
                inner=$(grep -l "^NSpid:[[:space:]]*[0-9][0-9]*[[:space:]][[:space:]]*2$" /proc/[0-9]*/status | cut -d/ -f3)
                ktap_diag "outer pid of the child: $inner; outside process $out"
                ktap_check "inside, the shell is pid 1 and its child pid 2" test "$(cat /tmp/ns.pids)" = "1 2"
                ktap_check "inside, the queue reads back as 2" test "$(cat /tmp/ns.queue)" = 2
                ktap_check "outside, the queue holds the child's outer pid" test "$(cat /proc/oom)" = "$inner"
                # status lists every process at -1000, the scenario's shell and its children too.
                ktap_check "inside, status lists the child as 2 and not the outside process" \\
                	sh -c "grep -qx 2 /tmp/ns.status && ! grep -qx $out /tmp/ns.status && ! grep -qx $inner /tmp/ns.status"
                awk 'NR > 3 { print $1 }' /proc/oom_kill_protection/status >/tmp/status
                ktap_check "outside, status lists both by their outer pids" sh -c "grep -qx $out /tmp/status && grep -qx $inner /tmp/status"
                ktap_check "the child is protected" test "$(cat /proc/$inner/oom_score_adj)" = -1000
                echo "$out $inner" >/proc/oom
                echo $out >/tmp/ns.go
                while [ ! -e /tmp/ns.done ]; do sleep 0.05; done
                ktap_check "inside, a queue of both reads back as 2 alone" test "$(cat /tmp/ns.queue2)" = 2
                ktap_diag "inside, writing $out: $(cat /tmp/ns.esrch)"
                ktap_check "inside, the outer pid of an outside process gets ESRCH" test "$(cat /tmp/ns.esrch)" = "No such process"
                ktap_check "the refused write changed nothing" test "$(cat /proc/oom)" = "$out $inner"
                ktap_check "inside, still 2 alone" test "$(cat /tmp/ns.queue3)" = 2
                # A reader in a new pid namespace through the root namespace's /proc sees neither.
                unshare -p -f sh -c 'cat /proc/oom; awk "NR > 3 { print \\$1 }" /proc/oom_kill_protection/status' >/tmp/fresh
                ktap_diag "$(cat /tmp/fresh)"
                ktap_check "a reader in another namespace, same /proc: neither process shown" \\
                	sh -c "! grep -qx '$out' /tmp/fresh && ! grep -qx '$inner' /tmp/fresh && ! grep -q '$out $inner' /tmp/fresh"
                ktap_check "rmmod uoom" rmmod uoom
                kill $inner $out
                ktap_finish
                """;
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).scenario(scenario).build());
        VmAssertions.assertPassed(result);
    }
}
