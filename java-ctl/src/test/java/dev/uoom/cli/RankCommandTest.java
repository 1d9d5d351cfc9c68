package dev.uoom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.uoom.Fixtures;

/** {@code uoom rank} on the snapshot fixture. */
class RankCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static CliRunner.Result rank(String... options) {
        List<String> args = new ArrayList<>(List.of("rank"));
        args.addAll(List.of(options));
        return CliRunner.run(Fixtures.procRoot("snapshot"), args.toArray(String[]::new));
    }

    private Path config(String yaml) throws Exception {
        return Files.writeString(dir.resolve("daemon.yaml"), yaml);
    }

    @Test
    void listsQueueOrderWithScores() {
        CliRunner.Result result = rank();

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals(List.of(
                "policy modern: 8 processes in queue order, 5 never queued",
                "RANK    PID  SCORE   POINTS  NAME     COMMAND",
                "   1  15918   1000  3085432  sleep    sleep 3001",
                "   2  15920    675    80338  python3  /root/.pyenv/versions/3.11.7/bin/python3 -c x=bytearray(3...",
                "   3  15924    668    19794  python3  /root/.pyenv/versions/3.11.7/bin/python3 -c x=bytearray(6...",
                "   4  15916    666      776  bash     bash -c sleep 3000 & sleep 3000 & python3 -c \"x=bytearray...",
                "   5  15922    666      431  sleep    sleep 3000",
                "   6  15917    666      424  sleep    sleep 3000",
                "   7  15919    666      405  a) b (c  /tmp/capt/bin/a) b (c 3002",
                "   8  15923    666      403  sleep    sleep 3000"), result.outLines());
        assertEquals("", result.err());
    }

    @Test
    void explainsTermByTerm() {
        CliRunner.Result result = rank("--policy", "classic", "--limit", "1", "--explain");

        assertEquals(List.of(
                "policy classic: 8 processes in queue order, 5 never queued",
                "RANK    PID  SCORE  POINTS  NAME   COMMAND",
                "   1  15918  11520   11520  sleep  sleep 3001",
                "      total_vm       VmSize 2920 kB                                                   +730 pages  = 730",
                "      children       none with own mm                                                 +0 pages    = 730",
                "      cpu_time       utime+stime 0 ticks = 0 s, >> 3 = 0, int_sqrt = 0                no change   = 730",
                "      run_time       uptime 7481 s - start 7470 s, >> 10 = 0, int_sqrt(int_sqrt) = 0  no change   = 730",
                "      nice           nice 0                                                           no change   = 730",
                "      superuser      CAP_SYS_ADMIN, uid 0, euid 0                                     /4          = 182",
                "      CAP_SYS_RAWIO  held                                                             /4          = 45",
                "      oomkilladj     oom_score_adj 500 = oom_adj 8                                    <<8         = 11520"),
                result.outLines());
    }

    @Test
    void allShowsExcludedProcessesAfterTheQueue() {
        List<String> lines = rank("--all").outLines();

        assertEquals(15, lines.size());
        assertEquals("   -      1      0        -  init                  /sbin/init", lines.get(10));
        assertEquals("   -      2      0        -  kthreadd              [kthreadd]", lines.get(11));
        assertEquals("   -   4343      0        -  defunct               [defunct]", lines.get(14));
    }

    @Test
    void printsJsonWithKernelScore() throws Exception {
        CliRunner.Result result = rank("--json", "--all");

        assertEquals(ExitCodes.OK, result.exitCode());
        assertEquals(1, result.outLines().size());
        JsonNode json = JSON.readTree(result.out());
        assertEquals("modern", json.get("policy").asText());
        assertEquals(8, json.get("queued").asInt());
        assertEquals(5, json.get("excluded").asInt());
        JsonNode processes = json.get("processes");
        assertEquals(13, processes.size());
        for (JsonNode p : processes) {
            assertEquals(p.get("oomScore").asLong(), p.get("score").asLong(), p.toString());
            assertFalse(p.has("terms"), "terms only with --explain");
        }
        JsonNode first = processes.get(0);
        assertEquals(List.of("rank", "pid", "name", "cmdline", "placement", "score", "points", "oomScore"),
                fieldNames(first));
        assertEquals("normal", first.get("placement").asText());
        assertFalse(processes.get(8).has("rank"));
        assertEquals("excluded", processes.get(8).get("placement").asText());
    }

    @Test
    void jsonExplainCarriesTerms() throws Exception {
        JsonNode terms = JSON.readTree(rank("--json", "--explain", "--limit", "1").out()).get("processes").get(0)
                .get("terms");

        assertEquals(5, terms.size());
        assertEquals(List.of("name", "value", "effect", "result"), fieldNames(terms.get(0)));
        assertEquals("oom_score_adj", terms.get(3).get("name").asText());
        assertEquals(1000, terms.get(4).get("result").asInt());
    }

    @Test
    void rulesFromConfigAddAGroupColumn() throws Exception {
        Path file = config("policy: rules\nrules:\n  - {action: prefer, name: ^python3$}\n"
                + "  - {action: avoid, uid: ^1000$}\n  - {action: exclude, cmdline: 'a\\) b'}\n");

        List<String> lines = rank("--config", file.toString()).outLines();

        assertEquals(List.of(
                "policy rules: 7 processes in queue order, 6 never queued",
                "RANK    PID  SCORE   POINTS  GROUP      NAME     COMMAND",
                "   1  15920    675    80338  preferred  python3  /root/.pyenv/versions/3.11.7/bin/python3 -c x=bytearray(3...",
                "   2  15924    668    19794  preferred  python3  /root/.pyenv/versions/3.11.7/bin/python3 -c x=bytearray(6...",
                "   3  15918   1000  3085432  normal     sleep    sleep 3001",
                "   4  15916    666      776  normal     bash     bash -c sleep 3000 & sleep 3000 & python3 -c \"x=bytearray...",
                "   5  15917    666      424  normal     sleep    sleep 3000",
                "   6  15923    666      403  normal     sleep    sleep 3000",
                "   7  15922    666      431  avoided    sleep    sleep 3000"), lines);
    }

    @Test
    void policyOptionOverridesConfig() throws Exception {
        Path file = config("policy: rules\nrules:\n  - {action: prefer, name: ^python3$}\n");

        assertEquals("policy classic: 8 processes in queue order, 5 never queued",
                rank("--config", file.toString(), "--policy", "CLASSIC").outLines().get(0));
    }

    @Test
    void rulesPolicyNeedsRules() {
        CliRunner.Result result = rank("--policy", "rules");

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertEquals("uoom: --policy rules needs --config FILE with policy: rules and a rules list",
                result.errLines().get(0));
    }

    @Test
    void badConfigExitsWithConfigCode() throws Exception {
        Path file = config("rerank-interval: 100\n");

        CliRunner.Result result = rank("--config", file.toString());

        assertEquals(ExitCodes.CONFIG, result.exitCode());
        assertEquals(List.of("uoom: " + file + ": rerank-interval must be 0.5 to 60 seconds, got 100 s"),
                result.errLines());
    }

    @Test
    void rejectsBadOptions() {
        assertEquals(ExitCodes.USAGE, rank("--limit", "0").exitCode());
        assertEquals(ExitCodes.USAGE, rank("--policy", "newest").exitCode());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
