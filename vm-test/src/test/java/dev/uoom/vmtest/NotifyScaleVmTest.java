package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * /dev/oom_notify at scale: the per-user limit on open files
 * ({@code vm-test/guest/scenarios/notify-scale/user-limit.sh}) and the cost of an event with
 * thousands of files open ({@code notify-scale/idle-readers.sh}).
 */
@Tag("vm")
@ExtendWith(VmExtension.class)
class NotifyScaleVmTest {

    /**
     * An unprivileged user opening past {@code notify_max_per_user} gets EMFILE, closing frees a
     * slot, another user has a limit of its own and root is exempt; on the debug kernel, with
     * KASAN, lockdep and kmemleak after the unload.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Flavour.class, names = {"STOCK", "DEBUG"})
    void unprivilegedUserGetsEmfileAtTheLimitAndClosingFreesASlot(Flavour flavour, Vm vm) throws Exception {
        String kmemleak = flavour == Flavour.DEBUG ? "1" : "0";
        VmResult result = vm.run(VmSpec.builder(flavour)
                .scenario(Scenario.of("notify-scale/user-limit", "LIMIT=8", "KMEMLEAK=" + kmemleak)).build());
        VmAssertions.assertPassed(result);
    }

    private static final Pattern RECORD = Pattern.compile("recv=(\\d+) ts=(\\d+) level=(\\w+) ");
    private static final Pattern TOUCHED = Pattern.compile("touched (\\d+) MiB");
    private static final int EPISODES = 3;
    private static final int IDLE = 10_000;

    /**
     * An event's cost must not grow with the number of open files: the lone reader's wake-up
     * latency and the churner's throughput with {@value #IDLE} idle files open, against none, over
     * {@value #EPISODES} episodes of each. Reported as ratios of medians, not asserted: the
     * assertions are only that each episode had a LOW record for the lone reader.
     */
    @Test
    void tenThousandIdleFilesDoNotSlowAnEvent(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).memoryMiB(512).timeout(Duration.ofSeconds(300)).timed(true)
                .scenario(Scenario.of("notify-scale/idle-readers", "IDLE=" + IDLE, "EPISODES=" + EPISODES)).build());
        VmAssertions.assertPassed(result);

        List<Double> latNone = new ArrayList<>();
        List<Double> latIdle = new ArrayList<>();
        List<Double> mibNone = new ArrayList<>();
        List<Double> mibIdle = new ArrayList<>();
        for (int i = 1; i <= EPISODES * 2; i++) {
            int episode = i;
            boolean idle = Integer.parseInt(result.sharedFile("ep" + i + ".idle").strip()) > 0;
            long start = Long.parseLong(result.sharedFile("ep" + i + ".start").strip());
            String low = result.sharedFile("ep" + i + ".low");
            Matcher first = low.lines().map(RECORD::matcher).filter(Matcher::find)
                    .filter(m -> m.group(3).equals("LOW") && Long.parseLong(m.group(2)) >= start)
                    .findFirst().orElseThrow(() -> new AssertionError("episode " + episode + " without a LOW record:\n" + low));
            double ms = (Long.parseLong(first.group(1)) - Long.parseLong(first.group(2))) / 1e6;
            Matcher touched = TOUCHED.matcher(result.sharedFile("ep" + i + ".churn"));
            assertTrue(touched.find(), result.sharedFile("ep" + i + ".churn"));
            (idle ? latIdle : latNone).add(ms);
            (idle ? mibIdle : mibNone).add(Double.parseDouble(touched.group(1)));
        }
        assertEquals(EPISODES, latIdle.size());
        String report = String.format(Locale.ROOT,
                "[vm-test] notify event cost on patched (TCG), median of %d episodes: lone reader's wake-up %.2f ms "
                        + "with no other file, %.2f ms with %d idle files (ratio %.2f); churner %.0f MiB vs %.0f MiB "
                        + "(ratio %.2f); trials (ms): none %s, idle %s",
                EPISODES, median(latNone), median(latIdle), IDLE, median(latIdle) / median(latNone),
                median(mibNone), median(mibIdle), median(mibIdle) / median(mibNone), latNone, latIdle);
        System.out.println(report);
        Files.writeString(result.shareDir().resolve("event-cost.txt"), report + "\n");
    }

    private static double median(List<Double> values) {
        List<Double> v = values.stream().sorted().toList();
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
