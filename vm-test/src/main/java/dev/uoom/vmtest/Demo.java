package dev.uoom.vmtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code make demo}: the same OOM in two guests, a stock kernel without uoom and the patched
 * kernel with uoom's queue, and who the OOM killer took in each. Console logs are kept in
 * {@code vm-test/target/vm-logs/demo/}.
 */
public final class Demo {

    private Demo() {}

    public static void main(String[] args) throws Exception {
        Path repo = RepoRoot.find();
        String scenario = Files.readString(repo.resolve("vm-test/guest/demo.sh"));
        Vm vm = new Vm(repo, VmExtension.logsRoot(repo).resolve("demo"));
        // Longer than demo.sh's own bounds: up to 120 s for uoom watch to start, 180 s for the OOM.
        Duration timeout = Duration.ofSeconds(360);
        boolean ok = show(vm, "before: stock kernel, no uoom",
                VmSpec.builder(Flavour.STOCK).loadModule(false).timeout(timeout).scenario(scenario).build())
                & show(vm, "after: patched kernel, uoom.ko with the expendable process queued",
                VmSpec.builder(Flavour.PATCHED).timeout(timeout).scenario(scenario).build());
        System.exit(ok ? 0 : 1);
    }

    private static boolean show(Vm vm, String title, VmSpec spec) throws IOException, InterruptedException {
        System.out.println();
        System.out.println("==> " + title);
        System.out.println("    booting " + spec.flavour().kernel(vm.repo()).getFileName() + " under QEMU ("
                + (QemuCommand.kvmRequested() ? "KVM" : "TCG") + ")");
        VmResult result = vm.run(spec);
        if (Files.isRegularFile(result.shareDir().resolve("ktap.txt"))) {
            result.sharedFile("ktap.txt").lines()
                    .filter(l -> l.startsWith("# ") && !l.startsWith("# took"))
                    .forEach(l -> System.out.println("    " + l.substring(2)));
        }
        if (!result.passed()) {
            System.out.println(VmAssertions.report(result, "demo run failed"));
            return false;
        }
        List<String> fate = result.sharedFile("fate").lines().toList();
        List<String> victims = result.sharedFile("victims").lines().toList();
        System.out.println("    the OOM killer took, in order: " + victims.stream()
                .map(pid -> fate.stream().filter(f -> f.split(" ")[1].equals(pid)).map(f -> f.split(" ")[0] + " (" + pid + ")")
                        .findFirst().orElse(pid)).toList());
        fate.stream().filter(f -> f.startsWith("important ")).findFirst().ifPresent(f ->
                System.out.println("    the important process is " + f.split(" ")[2]));
        System.out.printf("    %.0f s, console log: %s%n", result.duration().toMillis() / 1000.0, result.consoleLog());
        return true;
    }
}
