package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Java ranker and daemon against a real kernel. */
@Tag("vm")
@ExtendWith(VmExtension.class)
class RankerVmTest {

    /**
     * The daemon writes the queue and is then killed with SIGKILL. The queue it left still decides
     * the victim: the kernel, not the daemon, acts on it.
     */
    @Test
    void queueOfASigkilledDaemonStillDecidesTheVictim(Vm vm) throws Exception {
        String config = """
                policy: rules
                base-policy: modern
                rerank-interval: 1
                rules:
                  - action: prefer
                    cmdline: 'memhog 16 hold$'
                  - action: prefer
                    cmdline: '/tmp/gate'
                  - action: exclude
                    cmdline: '.'
                  - action: exclude
                    name: '.'
                """;
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).timeout(Duration.ofSeconds(300))
                .scenario(Scenario.of("ranker/sigkilled-daemon"))
                .file("daemon.yaml", config).build());
        VmAssertions.assertPassed(result);
        OomFate fate = OomFate.of(result);
        assertEquals(fate.pid("small"), fate.victims().get(0), fate.toString());
        assertTrue(fate.alive("big"), fate.toString());
    }

    /**
     * The modern policy's score equals /proc/PID/oom_score for every process in the guest. Only
     * processes the kernel could pick count towards "enough compared": kernel threads, init and
     * processes at -1000 score 0 on both sides by definition.
     */
    @Test
    void modernScoreEqualsKernelOomScoreForEveryProcess(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).scenario(Scenario.of("ranker/modern-score")).build());
        VmAssertions.assertPassed(result);

        Map<Integer, Long> ranked = new HashMap<>();
        JsonNode rank = new ObjectMapper().readTree(result.sharedFile("rank.json"));
        for (JsonNode p : rank.path("processes")) {
            ranked.put(p.path("pid").asInt(), p.path("score").asLong());
        }
        List<String> mismatches = new ArrayList<>();
        Map<Integer, Long> kernel = new HashMap<>();
        Set<Integer> pickable = new HashSet<>();
        for (String line : result.sharedFile("oom_score").strip().split("\n")) {
            String[] f = line.split(" ");
            int pid = Integer.parseInt(f[0]);
            long kernelScore = Long.parseLong(f[1]);
            Long score = ranked.get(pid);
            if (score == null) {
                continue; // started after the ranking (the shell loop itself)
            }
            kernel.put(pid, kernelScore);
            if (kernelScore > 0) {
                pickable.add(pid);
            }
            if (score != kernelScore) {
                mismatches.add("pid " + pid + ": uoom " + score + ", kernel " + kernelScore);
            }
        }
        assertEquals(List.of(), mismatches);
        // The hogs at adj 0, 500, -300, 1000, -999, 1 and -1 must be compared, and the kernel must
        // have scored them above 0; init and the hog at -1000 compared, at 0.
        List<Integer> hogs = pids(result, "pickable");
        for (int pid : hogs) {
            assertTrue(pickable.contains(pid), "pid " + pid + " was not compared as pickable: " + kernel);
        }
        for (int pid : pids(result, "excluded")) {
            assertEquals(0L, kernel.get(pid), "pid " + pid + " (excluded) in " + kernel);
        }
        assertTrue(pickable.size() >= hogs.size() + 1,
                "only " + pickable.size() + " pickable processes compared, the hogs " + hogs + " and no other: " + kernel);
    }

    private static List<Integer> pids(VmResult result, String file) throws java.io.IOException {
        return Arrays.stream(result.sharedFile(file).strip().split(" ")).map(Integer::valueOf).toList();
    }
}
