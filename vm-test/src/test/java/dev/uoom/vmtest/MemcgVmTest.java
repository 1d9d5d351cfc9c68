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
 * without the uoom module: memcg handling needs none.
 */
@Tag("vm")
@ExtendWith(VmExtension.class)
class MemcgVmTest {

    /** Creates the v2 group $cg with the memory controller; the scenario shell stays outside it. */
    private static final String V2_GROUP = QueueVmTest.HELPERS + """
            UOOM="$UOOM_REPO/out/uoom"
            cg=/sys/fs/cgroup/box
            echo +memory >/sys/fs/cgroup/cgroup.subtree_control
            mkdir $cg
            # started NAME LOG: wait until the uoom command in the background has started watching.
            started() {
            	i=0
            	while ! grep -q watching "$2" && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
            	ktap_check "$1 started" grep -q watching "$2"
            }
            """;

    /**
     * A memhog driven over memory.max is OOM-killed by the kernel; {@code watch}, woken by
     * POLLPRI on memory.events, reports the max, oom and oom_kill counts, and exits on SIGINT.
     */
    @Test
    void watchReportsTheKernelsOomKillInTheGroup(Vm vm) throws Exception {
        String scenario = V2_GROUP + """
                ktap_plan 6
                echo 32M >$cg/memory.max
                # A background job of a non-interactive shell starts with SIGINT ignored; undo that.
                env --default-signal=INT "$UOOM" memcg watch $cg --json --timeout 100 >/mnt/watch.json 2>/mnt/watch.err &
                watch=$!
                started "watch" /mnt/watch.err
                echo $$ >$cg/cgroup.procs
                hog grower inf
                echo $$ >/sys/fs/cgroup/cgroup.procs
                wait $grower
                st=$?
                ktap_check "the kernel's OOM killer ended the grower (status $st)" test $st -eq 137
                i=0
                while ! grep -q '"oom_kill"' /mnt/watch.json && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
                read -r t0 _ </proc/uptime
                kill -INT $watch
                wait $watch
                st=$?
                ktap_check "watch exited on SIGINT (status $st)" sh -c "case $st in 0|130) ;; *) false ;; esac"
                read -r t1 _ </proc/uptime
                ktap_check "it exited within 10 s, not at its 100 s timeout" test $((${t1%.*} - ${t0%.*})) -lt 10
                ktap_check "watch is gone" test ! -d /proc/$watch
                ktap_diag "$(cat /mnt/watch.json)"
                cat $cg/memory.events >/mnt/memory.events
                cat $cg/memory.max >/mnt/memory.max
                cat $cg/cgroup.events >/mnt/cgroup.events
                ktap_check "memory.events counts one OOM kill" grep -qx "oom_kill 1" $cg/memory.events
                ktap_finish
                """;
        VmResult result = vm.run(VmSpec.builder(Flavour.STOCK).loadModule(false).memoryMiB(1024)
                .timeout(Duration.ofSeconds(240)).scenario(scenario).build());
        VmAssertions.assertPassed(result);

        long max = 0;
        long oomKill = 0;
        for (JsonNode line : jsonLines(result.sharedFile("watch.json"))) {
            assertEquals("/sys/fs/cgroup/box", line.path("cgroup").asText(), line.toString());
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
        String scenario = V2_GROUP + """
                ktap_plan 12
                echo 64M >$cg/memory.max
                echo 40M >$cg/memory.high
                "$UOOM" memcg handle $cg --once --raise 50% --hold 2 --timeout 150 2>/mnt/handle.log &
                handler=$!
                started "handle" /mnt/handle.log
                # Outside the group, every 20 ms: each change of the frozen state and memory.max.
                mkfifo /tmp/nap
                bash -c 'exec 9<>/tmp/nap; last=
                	while [ ! -e /tmp/stop-sampling ]; do
                		mapfile -t ev <"$1/cgroup.events"; read -r max <"$1/memory.max"
                		s="${ev[1]} max $max"; [ "$s" = "$last" ] || echo "$s"; last=$s
                		read -t 0.02 -u 9 _
                	done' sampler $cg >/mnt/samples &
                sampler=$!
                echo $$ >$cg/cgroup.procs
                hog big 24 hold
                sh -c 'echo 0 >/proc/self/oom_score_adj; exec "$0" 32 hold' "$HOG" >/tmp/push.out &
                push=$!
                echo $$ >/sys/fs/cgroup/cgroup.procs
                wait $handler
                ktap_check "the handler handled one event" test $? -eq 0
                touch /tmp/stop-sampling
                wait $sampler
                ktap_diag "$(cat /mnt/handle.log)"
                ktap_diag "sampled: $(tr '\n' ';' </mnt/samples)"
                ktap_check "the sampler saw the group frozen" grep -q "^frozen 1 " /mnt/samples
                ktap_check "the sampler saw memory.max raised to 96 MiB" grep -q " max 100663296$" /mnt/samples
                ktap_check "the last sample is thawed with memory.max restored" \
                	test "$(tail -n 1 /mnt/samples)" = "frozen 0 max 67108864"
                i=0
                while ! grep -q ready /tmp/push.out && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
                ktap_check "the pushing process got its memory" grep -q ready /tmp/push.out
                fate big push
                ktap_check "the largest process was killed" grep -q "^big .* dead" /mnt/fate
                ktap_check "the pushing process lives" grep -q "^push .* alive" /mnt/fate
                ktap_check "memory.max is restored" test "$(cat $cg/memory.max)" = 67108864
                ktap_check "memory.high is restored" test "$(cat $cg/memory.high)" = 41943040
                ktap_check "the group is thawed" grep -qx "frozen 0" $cg/cgroup.events
                ktap_diag "$(cat $cg/memory.events)"
                ktap_check "the kernel's OOM killer did not run" grep -qx "oom_kill 0" $cg/memory.events
                ktap_finish
                """;
        VmResult result = vm.run(VmSpec.builder(Flavour.STOCK).loadModule(false).memoryMiB(1024)
                .timeout(Duration.ofSeconds(300)).scenario(scenario).build());
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
     * The memory controller is moved to a v1 hierarchy, which works while no v2 group uses it.
     */
    @Test
    void v1OomKillDisabledTaskWaitsAndProceedsAfterTheHandler(Vm vm) throws Exception {
        String scenario = QueueVmTest.HELPERS + """
                ktap_plan 10
                UOOM="$UOOM_REPO/out/uoom"
                mkdir -p /tmp/memv1
                ktap_check "mount the v1 memory controller" mount -t cgroup -o memory memory /tmp/memv1
                cg=/tmp/memv1/box
                mkdir $cg
                echo 40M >$cg/memory.limit_in_bytes
                echo 1 >$cg/memory.oom_control
                "$UOOM" memcg watch $cg --json --count 1 --timeout 150 >/mnt/watch.json 2>/mnt/watch.err &
                watch=$!
                "$UOOM" memcg handle $cg --once --raise 100% --hold 2 --timeout 150 2>/mnt/handle.log &
                handler=$!
                i=0
                while ! { grep -q watching /mnt/watch.err && grep -q watching /mnt/handle.log; } && [ $i -lt 600 ]; do
                	sleep 0.1; i=$((i + 1))
                done
                ktap_check "watch and handle started" grep -q eventfd /mnt/handle.log
                echo $$ >$cg/cgroup.procs
                hog big 24 hold
                sh -c 'echo 0 >/proc/self/oom_score_adj; exec "$0" 24' "$HOG" >/tmp/grower.out &
                grower=$!
                echo $$ >/tmp/memv1/cgroup.procs
                wait $watch
                ktap_check "watch reported one event" test $? -eq 0
                ktap_diag "$(cat /mnt/watch.json)"
                ktap_check "the event is under_oom with the OOM killer disabled" \
                	grep -q '"underOom":true,"oomKillDisable":true' /mnt/watch.json
                wait $handler
                ktap_check "the handler handled one event" test $? -eq 0
                ktap_diag "$(cat /mnt/handle.log)"
                wait $grower
                ktap_check "the waiting task proceeded and finished" test $? -eq 0
                ktap_check "it got all its memory" grep -q ready /tmp/grower.out
                fate big grower
                ktap_check "the largest task was killed" grep -q "^big .* dead" /mnt/fate
                ktap_check "memory.limit_in_bytes is restored" test "$(cat $cg/memory.limit_in_bytes)" = 41943040
                ktap_diag "$(cat $cg/memory.oom_control)"
                cat $cg/memory.oom_control >/mnt/memory.oom_control
                ktap_check "no longer under OOM" grep -qx "under_oom 0" $cg/memory.oom_control
                ktap_finish
                """;
        VmResult result = vm.run(VmSpec.builder(Flavour.STOCK).loadModule(false).memoryMiB(1024)
                .timeout(Duration.ofSeconds(300)).scenario(scenario).build());
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
