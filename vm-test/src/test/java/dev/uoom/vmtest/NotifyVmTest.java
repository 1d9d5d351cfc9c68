package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * /dev/oom_notify in real kernels: pressure levels up to OOM, wake-up latency against PSI and 1 Hz
 * sampling, fan-out, hysteresis, bad input, and two users of the events (a Java cache that frees
 * itself at LOW, the daemon's on-critical reaction). The guest side is in
 * {@code vm-test/guest/scenarios/notify/}.
 */
@Tag("vm")
@ExtendWith(VmExtension.class)
class NotifyVmTest {
    private static final Pattern FREED = Pattern.compile("freed 256 MiB at LOW \\(\\w+\\), MemAvailable (\\d+) kB");

    /**
     * A demo application (vm-test/guest/tools/CacheDemo.java, on {@code dev.uoom.api.OomNotifier})
     * frees its 256 MiB cache at the first LOW event: its anonymous resident set falls by 224 MiB
     * or more, and the OOM killer never runs.
     */
    @Test
    void demoFreesItsCacheAtLow(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).memoryMiB(1024)
                .timeout(Duration.ofSeconds(300)).scenario(Scenario.of("notify/cache-demo")).build());
        VmAssertions.assertPassed(result);

        VmAssertions.assertKtapOk(result, "the demo's resident set fell by 224 MiB or more");
        Matcher m = FREED.matcher(result.sharedFile("demo.log"));
        assertTrue(m.find(), result.sharedFile("demo.log"));
        // The demo's anonymous memory, which only its free() can lower here (no swap): the cache
        // was 256 MiB; allow for what the JVM took meanwhile. MemAvailable would also count the
        // page cache that reclaim freed.
        long before = Long.parseLong(result.sharedFile("demo-anon-before").strip());
        long after = Long.parseLong(result.sharedFile("demo-anon-after").strip());
        assertTrue(before - after >= 224 * 1024, "RssAnon " + before + " kB before, " + after + " kB after; MemAvailable "
                + m.group(1) + " kB at LOW, " + result.sharedFile("avail-after").strip() + " kB after");
    }

    /**
     * The daemon's on-critical reaction, for real: as an allocator drives the guest to OOM, the daemon
     * hears CRITICAL from /dev/oom_notify, sends SIGUSR1 to the one process its match names (and to
     * no other), and runs its command.
     */
    @Test
    void daemonSignalsTheMatchingProcessAndRunsItsCommandAtCritical(Vm vm) throws Exception {
        String config = """
                notify:
                  level: low
                on-critical:
                  signal: SIGUSR1
                  match:
                    - cmdline: ' usr1-receiver$'
                  command: 'echo ran >>/tmp/critical-command'
                """;
        VmResult result = vm.run(VmSpec.builder(Flavour.STOCK).timeout(Duration.ofSeconds(300))
                .scenario(Scenario.of("notify/daemon-critical"))
                .file("daemon.yaml", config).build());
        VmAssertions.assertPassed(result);
    }

    private static final Pattern RECORD = Pattern.compile(
            "recv=(\\d+) ts=(\\d+) level=(\\w+) source=(\\w+) .* victim=(-?\\d+) count=(\\d+)");

    /**
     * Scenarios 1 and 3: as an allocator drives the guest to OOM, a LOW reader wakes with LOW,
     * MEDIUM, CRITICAL, then OOM naming the victim; a CRITICAL reader sleeps through LOW and MEDIUM.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Flavour.class, names = {"STOCK", "PATCHED"})
    void levelsRiseToOomAndNameTheVictim(Flavour flavour, Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(flavour).timeout(Duration.ofSeconds(240))
                .scenario(Scenario.of("notify/levels")).build());
        VmAssertions.assertPassed(result);
        assertLevelsRoseToOom(result.shareDir());
    }

    /** What {@code notify/levels} saved in {@code share}: the LOW reader saw every level in order, then the victim. */
    static void assertLevelsRoseToOom(Path share) throws IOException {
        List<Matcher> records = new ArrayList<>();
        Files.readString(share.resolve("low.log")).lines().map(RECORD::matcher).filter(Matcher::find).forEach(records::add);
        List<String> firstSeen = new ArrayList<>();
        for (Matcher m : records) {
            if (!firstSeen.contains(m.group(3))) {
                firstSeen.add(m.group(3));
            }
        }
        assertEquals(List.of("LOW", "MEDIUM", "CRITICAL", "OOM"), firstSeen, "order in which levels first arrived");
        int victim = OomFate.of(share).pid("alloc");
        assertEquals(String.valueOf(victim), records.get(records.size() - 1).group(5), "victim in the OOM record");

    }

    /** Pressure episodes per latency run; the report gives their medians. */
    private static final int LATENCY_TRIALS = 5;

    /**
     * Scenario 2, latency: {@value #LATENCY_TRIALS} pressure episodes in one guest. In each, a fresh
     * LOW reader of /dev/oom_notify (hysteresis 0), a PSI trigger ("some 50000 500000", the smallest
     * window) and the 2007 module's 1 Hz sampling (MemFree against the low watermarks, pswpout) wait
     * while a churner touches 200 MiB for 3 s, with all but 50 MiB of the 512 MiB guest held by a
     * fresh filler and zram swap behind it; then the filler exits and everything settles for 2 s.
     * Each episode starts its churner 0.1 to 0.9 s after the pollers, so the sampler's phase
     * differs. A watcher's latency is its CLOCK_MONOTONIC wake-up time minus the kernel time t0 of
     * the episode's first LOW record after the churner started (the kswapd wake-up: the allocation
     * that entered reclaim); the peers print every wake-up, and those before t0 do not count. The
     * report gives each method's median with its ratio to ours, how many episodes it fired in, and
     * every trial. Ours must fire in every episode within 1 s; the peers must fire in at least one (or
     * there is no comparison); our median must be below both of theirs.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Flavour.class, names = {"STOCK", "PATCHED"})
    void wakeUpLatencyAgainstPsiAndOneHertzSampling(Flavour flavour, Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(flavour).memoryMiB(512).timeout(Duration.ofSeconds(400)).timed(true)
                .scenario(Scenario.of("notify/latency", "TRIALS=" + LATENCY_TRIALS)).build());
        VmAssertions.assertPassed(result);

        List<Double> ours = new ArrayList<>();
        List<Double> psi = new ArrayList<>();
        List<Double> sampled = new ArrayList<>();
        for (int i = 1; i <= LATENCY_TRIALS; i++) {
            long start = Long.parseLong(result.sharedFile("lat" + i + ".start").strip());
            String low = result.sharedFile("lat" + i + ".low");
            Matcher first = low.lines().map(RECORD::matcher).filter(Matcher::find)
                    .filter(m -> m.group(3).equals("LOW") && Long.parseLong(m.group(2)) >= start)
                    .findFirst().orElseThrow(() -> new AssertionError("episode without a LOW record:\n" + low));
            long t0 = Long.parseLong(first.group(2));
            ours.add((Long.parseLong(first.group(1)) - t0) / 1e6);
            psi.add(wakeMs(result.sharedFile("lat" + i + ".psi"), "psi recv=", t0));
            sampled.add(wakeMs(result.sharedFile("lat" + i + ".sample"), "sample recv=", t0));
        }
        Latency our = Latency.of(ours);
        Latency theirPsi = Latency.of(psi);
        Latency theirSampling = Latency.of(sampled);
        String report = String.format(Locale.ROOT,
                "[vm-test] notify latency on %s (TCG), median of %d episodes: /dev/oom_notify %.1f ms; "
                        + "PSI trigger %s; 1 Hz sampling %s; trials (ms): ours %s, PSI %s, 1 Hz %s",
                flavour.name().toLowerCase(Locale.ROOT), LATENCY_TRIALS, our.median(),
                theirPsi.against(our), theirSampling.against(our), trials(ours), trials(psi), trials(sampled));
        System.out.println(report);
        Files.writeString(result.shareDir().resolve("latency.txt"), report + "\n");
        assertEquals(LATENCY_TRIALS, our.fired(), report);
        assertTrue(ours.stream().allMatch(ms -> ms < 1000), report);
        assertTrue(theirPsi.fired() > 0 && theirSampling.fired() > 0, "a peer never fired: " + report);
        assertTrue(our.median() < theirPsi.median() && our.median() < theirSampling.median(), report);
    }

    /** Latencies as "[14.2, 19.8, -]", "-" for an episode without a wake-up. */
    private static String trials(List<Double> ms) {
        return ms.stream().map(d -> d == null ? "-" : String.format(Locale.ROOT, "%.1f", d))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** One method's wake-up latencies over the episodes; null where it did not fire. */
    private record Latency(List<Double> firedMs, int trials) {

        static Latency of(List<Double> trials) {
            return new Latency(trials.stream().filter(Objects::nonNull).sorted().toList(), trials.size());
        }

        int fired() {
            return firedMs.size();
        }

        double median() {
            int n = firedMs.size();
            return n % 2 == 1 ? firedMs.get(n / 2) : (firedMs.get(n / 2 - 1) + firedMs.get(n / 2)) / 2;
        }

        String against(Latency ours) {
            return fired() == 0 ? "never fired" : String.format(Locale.ROOT, "%.1f ms (%.1fx ours, fired in %d of %d)",
                    median(), median() / ours.median(), fired(), trials);
        }
    }

    private static final Pattern FANOUT = Pattern.compile(
            "fanout readers=(\\d+) woke=(\\d+) first_ms=([\\d.]+) last_ms=([\\d.]+)");

    /**
     * Fan-out: 4096 LOW readers in one epoll set and a lone reader wait while an allocator drives
     * the guest to OOM. Every one of the 4096 must read a record, the last within 1 s of the event;
     * the report gives how long after the event the first and the last read theirs, next to the
     * lone reader.
     */
    @Test
    void thousandsOfReadersAllGetTheRecord(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).timeout(Duration.ofSeconds(240))
                .scenario(Scenario.of("notify/fanout")).build());
        VmAssertions.assertPassed(result);

        Matcher fan = FANOUT.matcher(result.sharedFile("fanout.log"));
        assertTrue(fan.find(), result.sharedFile("fanout.log"));
        Matcher lone = RECORD.matcher(result.sharedFile("low.log"));
        assertTrue(lone.find(), result.sharedFile("low.log"));
        double loneMs = (Long.parseLong(lone.group(1)) - Long.parseLong(lone.group(2))) / 1e6;
        String report = String.format(Locale.ROOT,
                "[vm-test] notify fan-out on patched (TCG): %s readers, first read %s ms and last %s ms after the "
                        + "event; a lone reader %.1f ms",
                fan.group(2), fan.group(3), fan.group(4), loneMs);
        System.out.println(report);
        Files.writeString(result.shareDir().resolve("fanout.txt"), report + "\n");
        assertEquals("4096", fan.group(2), report);
        assertTrue(Double.parseDouble(fan.group(4)) < 1000, report);
    }

    /**
     * A peer's latency in ms: its first wake-up at or after {@code t0}, or null if it had none.
     * Wake-ups before t0 answered something else (the filler, the pollers' own start-up).
     */
    static Double wakeMs(String log, String prefix, long t0) {
        return log.lines().filter(l -> l.startsWith(prefix)).map(l -> Long.parseLong(l.substring(prefix.length()).strip()))
                .filter(recv -> recv >= t0).findFirst().map(recv -> (recv - t0) / 1e6).orElse(null);
    }

    /**
     * Scenario 4: 60 s of continuous reclaim (a process churning more than RAM through zram swap).
     * The LOW reader's record count stays bounded by its hysteresis, and the churner progresses.
     */
    @Test
    void reclaimStormStaysBoundedAndTheAllocatorProgresses(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).timeout(Duration.ofSeconds(300))
                .scenario(Scenario.of("notify/storm")).build());
        VmAssertions.assertPassed(result);
    }

    /** Fewest records the 100 ms reader must get while the 60 s reader holds its file. */
    private static final int MIN_RECORDS_WHILE_HELD = 5;

    /**
     * One reader's hysteresis must not hold back another's records. Reader A (any user may open the
     * device) sets threshold MEDIUM and hysteresis 60 s, reads one record and keeps its file open
     * unread, so that every later MEDIUM is held back for it until 60 s after its read. Reader B,
     * with threshold LOW and the default 100 ms, must keep hearing LOW and MEDIUM while a churner
     * keeps the guest in reclaim for 40 s (behind a filler that holds all but 60 MiB, so the churn
     * reclaims from its start however slowly the guest runs; filling takes 90 s on a busy host,
     * hence the longer timeout and silence limit), all of it inside A's 60 s: at least {@value
     * #MIN_RECORDS_WHILE_HELD} records after A's read (measured: 15 to 26 in about 14 s without the
     * filler; 41 in 44.9 s with it), a MEDIUM among them. Before the fix, the fan-out work doubled as A's 60 s re-check timer and B heard
     * nothing more until it fired (measured: the test fails). The longest gap between B's reads is
     * reported, not asserted: in a thrashing debug guest B itself can stall. Reader C, set up like A,
     * first reads into a read-only page: EFAULT, and the record must still be readable at once.
     */
    @Test
    void oneReadersLongHysteresisDelaysNoOtherReader(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.DEBUG).memoryMiB(384).timeout(Duration.ofSeconds(420))
                .silence(Duration.ofSeconds(180)).timed(true).scenario(Scenario.of("notify/hysteresis")).build());
        VmAssertions.assertPassed(result);

        Matcher held = RECORD.matcher(result.sharedFile("hold.log"));
        assertTrue(held.find(), result.sharedFile("hold.log"));
        long from = Long.parseLong(held.group(1));
        long to = Long.parseLong(result.sharedFile("churn-end").strip());
        assertTrue(to - from < 60_000_000_000L, "the churn outlasted A's hysteresis: the test shows nothing");
        List<Long> times = new ArrayList<>(List.of(from));
        boolean medium = false;
        for (Matcher m : result.sharedFile("b.log").lines().map(RECORD::matcher).filter(Matcher::find).toList()) {
            long recv = Long.parseLong(m.group(1));
            if (recv > from && recv <= to) {
                times.add(recv);
                medium |= m.group(3).equals("MEDIUM");
            }
        }
        times.add(to);
        long maxGap = 0;
        for (int i = 1; i < times.size(); i++) {
            maxGap = Math.max(maxGap, times.get(i) - times.get(i - 1));
        }
        int records = times.size() - 2;
        String report = String.format(Locale.ROOT,
                "[vm-test] notify, debug kernel, with a 60 s hysteresis reader holding its file: the 100 ms reader got "
                        + "%d records in the %.1f s of reclaim after its read, longest gap %.1f ms",
                records, (to - from) / 1e9, maxGap / 1e6);
        System.out.println(report);
        Files.writeString(result.shareDir().resolve("gaps.txt"), report + "\n");
        assertTrue(records >= MIN_RECORDS_WHILE_HELD, report + "\n" + result.sharedFile("b.log"));
        assertTrue(medium, "no MEDIUM for B after A's read\n" + result.sharedFile("b.log"));
        assertTrue(result.sharedFile("efault.log").contains("efault kept"), result.sharedFile("efault.log"));
    }
}
