package dev.uoom.vmtest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pid namespaces: only the initial pid namespace writes {@code /proc/oom} (a writer in a child
 * namespace gets EPERM, nothing changed); {@code /proc/oom_kill_protection/ctl} resolves pids in the
 * writer's namespace; {@code /proc/oom} and {@code status} show them in the reader's, leaving out
 * processes the reader cannot see. A shell in a new pid namespace (pid 1 there, with its own /proc)
 * protects its child by its inner pid 2; the root namespace queues it by its outer pid, which reads
 * back as 2 inside. A reader in a new namespace that reads through the root namespace's /proc sees
 * neither. The guest side is {@code vm-test/guest/scenarios/pidns/translation.sh}.
 */
@Tag("vm")
@ExtendWith(VmExtension.class)
class PidNamespaceVmTest {

    @Test
    void pidsAreResolvedInTheWritersNamespaceAndShownInTheReaders(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).scenario(Scenario.of("pidns/translation")).build());
        VmAssertions.assertPassed(result);
        VmAssertions.assertKtapOk(result, "inside, a queue write gets EPERM");
        VmAssertions.assertKtapOk(result, "a reader in another namespace, same /proc: neither process shown");
    }
}
