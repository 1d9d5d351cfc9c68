package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
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
     * Scenario 6: the daemon writes the queue and is then killed with SIGKILL. The queue it left
     * still decides the victim: the kernel, not the daemon, acts on it.
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
        String scenario = QueueVmTest.HELPERS + """
                ktap_plan 7
                # The JVM goes first, so that its memory is in before the hogs'.
                "$UOOM_REPO/out/uoom" daemon --config /mnt/daemon.yaml 2>/mnt/daemon.log &
                daemon=$!
                while ! grep -q "re-ranking" /mnt/daemon.log; do sleep 0.2; done
                ktap_diag "daemon $(grep -E '^Vm(RSS|Lck)' /proc/$daemon/status | tr -s '\t\n ' ' ')"
                ktap_check "the daemon's memory is locked as it is faulted in (VmFlags lf)" \
                	grep -q '^VmFlags:.* lf' /proc/$daemon/smaps
                # Locking every mapping made 219 MiB resident here, the JDK's module image included.
                # (VmLck counts whole on-fault mappings, not what is resident.)
                rss=$(awk '/^VmRSS/ { print $2 }' /proc/$daemon/status)
                ktap_check "the daemon's resident set is under 128 MiB ($rss kB)" test "$rss" -lt 131072
                hog big 280 hold
                hog small 16 hold
                gated alloc
                i=0
                while [ "$(cat /proc/oom)" != "$small $alloc" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
                ktap_check "the daemon queued the small process, then the allocator" test "$(cat /proc/oom)" = "$small $alloc"
                kill -9 $daemon; wait $daemon
                ktap_check "the daemon is gone" test ! -d /proc/$daemon
                open_gate
                wait $alloc
                fate big small alloc
                ktap_diag "$(tail -n 5 /mnt/daemon.log)"
                ktap_check "the small process was the first victim" sh -c "head -n 1 /mnt/victims | grep -qx $small"
                ktap_check "the large process survived" grep -q "^big .* alive" /mnt/fate
                ktap_check "the daemon logged its decision" grep -q "wrote 2 pids" /mnt/daemon.log
                ktap_finish
                """;
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).timeout(Duration.ofSeconds(300)).scenario(scenario)
                .file("daemon.yaml", config).build());
        VmAssertions.assertPassed(result);
        OomFate fate = OomFate.of(result);
        assertEquals(fate.pid("small"), fate.victims().get(0), fate.toString());
        assertTrue(fate.alive("big"), fate.toString());
    }

    /** Scenario 9: the modern policy's score equals /proc/PID/oom_score for every process in the guest. */
    @Test
    void modernScoreEqualsKernelOomScoreForEveryProcess(Vm vm) throws Exception {
        String scenario = QueueVmTest.HELPERS + """
                ktap_plan 2
                hog a 64 hold
                hog b 8 hold
                echo 500 >/proc/$b/oom_score_adj
                hog c 32 hold
                echo -300 >/proc/$c/oom_score_adj
                hog d 4 hold
                echo -1000 >/proc/$d/oom_score_adj
                echo "1 $a $b $c $d" >/mnt/must-compare
                ktap_check "uoom rank --policy modern --all --json" \\
                	sh -c '"$UOOM_REPO/out/uoom" rank --policy modern --all --json >/mnt/rank.json'
                # Read the kernel's scores after the JVM has exited; only idle processes remain.
                for d in /proc/[0-9]*; do
                	s=$(cat $d/oom_score 2>/dev/null) && echo "${d#/proc/} $s"
                done >/mnt/oom_score
                ktap_check "read /proc/*/oom_score" test -s /mnt/oom_score
                ktap_finish
                """;
        VmResult result = vm.run(VmSpec.builder(Flavour.PATCHED).scenario(scenario).build());
        VmAssertions.assertPassed(result);

        Map<Integer, Long> ranked = new HashMap<>();
        JsonNode rank = new ObjectMapper().readTree(result.sharedFile("rank.json"));
        for (JsonNode p : rank.path("processes")) {
            ranked.put(p.path("pid").asInt(), p.path("score").asLong());
        }
        List<String> mismatches = new ArrayList<>();
        Set<Integer> compared = new HashSet<>();
        for (String line : result.sharedFile("oom_score").strip().split("\n")) {
            String[] f = line.split(" ");
            Long score = ranked.get(Integer.parseInt(f[0]));
            if (score == null) {
                continue; // started after the ranking (the shell loop itself)
            }
            compared.add(Integer.parseInt(f[0]));
            if (score != Long.parseLong(f[1])) {
                mismatches.add("pid " + f[0] + ": uoom " + score + ", kernel " + f[1]);
            }
        }
        assertEquals(List.of(), mismatches);
        assertTrue(compared.size() >= 20, "compared only " + compared.size() + " processes");
        // init and the hogs with adj 0, 500, -300 and -1000 must be among them.
        for (String pid : result.sharedFile("must-compare").strip().split(" ")) {
            assertTrue(compared.contains(Integer.parseInt(pid)), "pid " + pid + " was not compared: " + compared);
        }
    }
}
