package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code uoom memcg watch} and {@code uoom memcg handle} on real memory cgroups, on the stock kernel
 * without the uoom module: memcg handling needs none. The guest side is in
 * {@code vm-test/guest/scenarios/memcg/}.
 */
@Tag("vm")
@ExtendWith(VmExtension.class)
class MemcgVmTest {

    /**
     * A memhog driven over memory.max is OOM-killed by the kernel; {@code watch}, woken by
     * POLLPRI on memory.events, reports the max, oom and oom_kill counts, and exits on SIGINT.
     */
    @Test
    void watchReportsTheKernelsOomKillInTheGroup(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.STOCK).loadModule(false).memoryMiB(1024)
                .timeout(Duration.ofSeconds(240)).scenario(Scenario.of("memcg/watch")).build());
        VmAssertions.assertPassed(result);

        long max = 0;
        long oomKill = 0;
        for (JsonNode line : jsonLines(result.sharedFile("watch.json"))) {
            assertEquals("/sys/fs/cgroup/memcg-watch", line.path("cgroup").asText(), line.toString());
            if (line.path("source").asText().equals("memory.events")) {
                max += line.path("delta").path("max").asLong();
                oomKill += line.path("delta").path("oom_kill").asLong();
            }
        }
        assertTrue(max >= 1, result.sharedFile("watch.json"));
        assertEquals(1, oomKill, result.sharedFile("watch.json"));
    }

    /**
     * The seed's "moderate" sequence on cgroup v2: memory.high below memory.max throttles the
     * group instead of letting the kernel kill; {@code handle --once} freezes the group, kills the
     * largest process, raises both limits, thaws, and restores them after the hold. The other
     * process gets its memory, and the kernel's OOM killer never runs.
     */
    @Test
    void handleFreezesKillsRaisesThawsAndRestores(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.STOCK).loadModule(false).memoryMiB(1024)
                .timeout(Duration.ofSeconds(300)).scenario(Scenario.of("memcg/handle")).build());
        VmAssertions.assertPassed(result);

        String log = result.sharedFile("handle.log");
        OomFate fate = OomFate.of(result);
        List<String> steps = List.of("limit reached", "step 1 freeze: cgroup.freeze 1, cgroup.events frozen 1",
                "step 2 victim: pid " + fate.pid("big") + " (memhog)", "step 3 kill: SIGKILL to pid " + fate.pid("big"),
                "step 4 raise: memory.high 41943040 -> 62914560", "step 4 raise: memory.max 67108864 -> 100663296",
                "step 5 thaw: cgroup.freeze 0, cgroup.events frozen 0", "holding the raised limits for 2 s",
                "step 6 restore: memory.high 41943040", "step 6 restore: memory.max 67108864", "handled in");
        VmAssertions.assertInOrder(log, steps);
        assertFalse(log.contains("WARNING"), log);
        assertTrue(log.lines().allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*")), log);
    }

    /**
     * The seed's own flow on cgroup v1: with oom_kill_disable=1 a task over
     * memory.limit_in_bytes waits under OOM instead of being killed; {@code watch} learns of it
     * through an eventfd registered on memory.oom_control via cgroup.event_control and reports
     * under_oom; {@code handle} stops the group (SIGSTOP), kills the largest task, raises the
     * limit, continues the group (SIGCONT), and the waiting task proceeds; the limit comes back.
     * The memory controller is moved to a v1 hierarchy (the scenario first takes it out of the v2
     * root's subtree_control), which works only while no v2 group uses it.
     */
    @Test
    void v1OomKillDisabledTaskWaitsAndProceedsAfterTheHandler(Vm vm) throws Exception {
        VmResult result = vm.run(VmSpec.builder(Flavour.STOCK).loadModule(false).memoryMiB(1024)
                .timeout(Duration.ofSeconds(300)).scenario(Scenario.of("memcg/v1-oom-kill-disable")).build());
        VmAssertions.assertPassed(result);

        String log = result.sharedFile("handle.log");
        OomFate fate = OomFate.of(result);
        List<String> steps = List.of("limit reached (under_oom 1, oom_kill_disable 1)", "step 1 freeze: SIGSTOP to pid",
                "step 2 victim: pid " + fate.pid("big") + " (memhog)", "step 3 kill: SIGKILL to pid " + fate.pid("big"),
                "step 4 raise: memory.limit_in_bytes 41943040 -> 83886080", "step 5 thaw: SIGCONT to pid",
                "step 6 restore: memory.limit_in_bytes 41943040");
        VmAssertions.assertInOrder(log, steps);
    }

    static List<JsonNode> jsonLines(String text) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : text.strip().split("\n")) {
            if (!l.isBlank()) {
                lines.add(json.readTree(l));
            }
        }
        return lines;
    }
}
