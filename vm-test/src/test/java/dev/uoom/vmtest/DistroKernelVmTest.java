package dev.uoom.vmtest;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

/**
 * Debian's own kernel (the Makefile's {@code DISTRO_KERNEL}, {@link Flavour#DISTRO}) in one boot:
 * uoom.ko built against its headers loads in advisory mode, and scenarios that run on STOCK run
 * one after another ({@link GuestSuite}): the smoke load/unload (which checks that the running
 * kernel is Debian's), the advisory boost, protection semantics and the notification levels up to
 * OOM. Each scenario is its own test; no timed scenario is here.
 */
@Tag("vm")
@ExtendWith(VmExtension.class)
class DistroKernelVmTest {

    /** A scenario's checks on the host, given what it saved. */
    @FunctionalInterface
    private interface Check {
        void verify(VmResult run, Path share) throws Exception;
    }

    private static final Pattern DISTRO_KERNEL = Pattern.compile("(?m)^DISTRO_KERNEL := (\\S+)$");

    /** The Debian kernel release the Makefile names ({@code DISTRO_KERNEL}). */
    static String release(Path repo) throws IOException {
        Matcher m = DISTRO_KERNEL.matcher(Files.readString(repo.resolve("Makefile")));
        if (!m.find()) {
            throw new AssertionFailedError("no DISTRO_KERNEL := ... line in " + repo.resolve("Makefile"));
        }
        return m.group(1);
    }

    @TestFactory
    Stream<DynamicTest> scenariosOnDebiansKernel(Vm vm) throws Exception {
        Map<String, Check> checks = new LinkedHashMap<>();
        GuestSuite.Builder suite = GuestSuite.builder();
        suite.part("smoke/load-unload", "KMEMLEAK=0");
        checks.put("smoke/load-unload", (run, share) -> SmokeVmTest.assertReportsModeAndVersion(Flavour.DISTRO,
                vm.repo(), share, GuestSuite.subtest(run, "smoke/load-unload")));
        suite.part("queue/advisory-boost");
        checks.put("queue/advisory-boost", (run, share) -> { });
        suite.part("protect/semantics");
        checks.put("protect/semantics", (run, share) -> { });
        suite.part("notify/levels");
        checks.put("notify/levels", (run, share) -> NotifyVmTest.assertLevelsRoseToOom(share));
        GuestSuite guest = suite.build();

        VmResult run = vm.run(VmSpec.builder(Flavour.DISTRO).timeout(Duration.ofSeconds(600))
                .scenario(guest.script()).build());
        System.out.printf("[vm-test] DistroKernelVmTest: %s in %.1f s%n", run.outcome(),
                run.duration().toMillis() / 1000.0);

        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("the whole run: exit 0, every scenario ran, no kernel report",
                () -> VmAssertions.assertPassed(run)));
        for (String part : guest.parts()) {
            tests.add(dynamicTest(part, () -> {
                VmAssertions.assertPartPassed(run, part);
                checks.get(part).verify(run, GuestSuite.share(run, part));
            }));
        }
        return tests.stream();
    }
}
