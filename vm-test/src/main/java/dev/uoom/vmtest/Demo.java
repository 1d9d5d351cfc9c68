package dev.uoom.vmtest;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code make demo}: boots the patched kernel, loads uoom.ko, and shows what it reports. The
 * console log is kept in {@code vm-test/target/vm-logs/demo/}.
 */
public final class Demo {

    private static final String SCENARIO = """
            . "$UOOM_REPO/vm-test/guest/ktap.sh"
            ktap_plan 4
            ktap_check "uoom.ko is loaded: lsmod" grep '^uoom ' /proc/modules
            ktap_check "the module reports its mode: cat /proc/oom_status" cat /proc/oom_status
            ktap_check "the CLI reads it: uoom status" "$UOOM_REPO/out/uoom" status
            ktap_check "and as JSON: uoom status --json" "$UOOM_REPO/out/uoom" status --json
            ktap_finish
            """;

    private Demo() {}

    public static void main(String[] args) throws Exception {
        Path repo = RepoRoot.find();
        Flavour flavour = Flavour.PATCHED;
        System.out.println("==> booting " + flavour.kernel(repo) + " under QEMU ("
                + (QemuCommand.kvmRequested() ? "KVM" : "TCG") + ") with " + flavour.module(repo));
        Vm vm = new Vm(repo, VmExtension.logsRoot(repo).resolve("demo"));
        VmResult result = vm.run(VmSpec.builder(flavour).scenario(SCENARIO).build());
        if (Files.isRegularFile(result.shareDir().resolve("ktap.txt"))) {
            System.out.println("==> what the guest printed (" + result.shareDir().resolve("ktap.txt") + "):");
            System.out.print(result.sharedFile("ktap.txt"));
        }
        System.out.printf("==> %s in %.1f s; console log: %s%n", result.outcome(),
                result.duration().toMillis() / 1000.0, result.consoleLog());
        if (!result.passed()) {
            System.out.println(VmAssertions.report(result, "demo failed"));
            System.exit(1);
        }
    }
}
