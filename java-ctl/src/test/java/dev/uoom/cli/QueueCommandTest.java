package dev.uoom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.uoom.Fixtures;

/** {@code uoom queue} against a copy of the snapshot fixture, whose {@code oom} is a plain file. */
class QueueCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    @BeforeEach
    void copyFixture() {
        Fixtures.copyProcRoot("snapshot", root);
    }

    private CliRunner.Result run(String... args) {
        return CliRunner.run(root, args);
    }

    private String queueFile() throws IOException {
        return Files.readString(root.resolve("oom"));
    }

    @Test
    void showsQueueWithNames() {
        CliRunner.Result result = run("queue", "show");

        assertEquals(ExitCodes.OK, result.exitCode());
        assertEquals(List.of(
                "#    PID  NAME     COMMAND",
                "1  15920  python3  /root/.pyenv/versions/3.11.7/bin/python3 -c x=bytearray(3...",
                "2  15918  sleep    sleep 3001"), result.outLines());
        assertEquals("", result.err());
    }

    @Test
    void showsQueueAsJson() throws Exception {
        CliRunner.Result result = run("queue", "show", "--json");

        assertEquals(ExitCodes.OK, result.exitCode());
        assertEquals(1, result.outLines().size());
        JsonNode queue = JSON.readTree(result.out()).get("queue");
        assertEquals(2, queue.size());
        assertEquals(15920, queue.get(0).get("pid").asInt());
        assertEquals("python3", queue.get(0).get("name").asText());
        assertEquals("sleep 3001", queue.get(1).get("cmdline").asText());
    }

    @Test
    void showsExitedProcessWithoutName() throws Exception {
        Files.writeString(root.resolve("oom"), "77\n");

        assertEquals(List.of("#  PID  NAME  COMMAND", "1   77  -     (exited)"), run("queue", "show").outLines());
        assertTrue(JSON.readTree(run("queue", "show", "--json").out()).get("queue").get(0).get("name").isNull());
    }

    @Test
    void setWritesPidStartAndPrintsTheResult() throws Exception {
        Files.writeString(root.resolve("oom"), "");

        CliRunner.Result result = run("queue", "set", "15924", "15917");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("15924:747009 15917:747006\n", queueFile());
        assertEquals(List.of(
                "#    PID  NAME     COMMAND",
                "1  15924  python3  /root/.pyenv/versions/3.11.7/bin/python3 -c x=bytearray(6...",
                "2  15917  sleep    sleep 3000"), result.outLines());
    }

    @Test
    void addAppendsAndPrintsJson() throws Exception {
        CliRunner.Result result = run("queue", "add", "--json", "15919");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("15920:747007 15918:747006 15919:747007\n", queueFile());
        JsonNode queue = JSON.readTree(result.out()).get("queue");
        assertEquals(List.of(15920, 15918, 15919), List.of(queue.get(0).get("pid").asInt(),
                queue.get(1).get("pid").asInt(), queue.get(2).get("pid").asInt()));
        assertEquals("a) b (c", queue.get(2).get("name").asText());
    }

    @Test
    void clearEmptiesTheQueue() throws Exception {
        Files.writeString(root.resolve("oom"), "");

        CliRunner.Result result = run("queue", "clear");

        assertEquals(ExitCodes.OK, result.exitCode());
        assertEquals("\n", queueFile());
        assertEquals(List.of("queue is empty"), result.outLines());
        assertEquals("{\"queue\":[]}", run("queue", "show", "--json").out().strip());
    }

    @Test
    void missingProcessIsAnErrorAndChangesNothing() throws Exception {
        CliRunner.Result result = run("queue", "set", "15918", "31337");

        assertEquals(ExitCodes.ERROR, result.exitCode());
        assertEquals(List.of("uoom: pid 31337 does not exist"), result.errLines());
        assertEquals("", result.out());
        assertEquals("15920 15918\n", queueFile());
    }

    @Test
    void nonPositivePidIsAUsageError() {
        CliRunner.Result result = run("queue", "add", "0");

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertEquals("uoom: invalid PID 0: pids are positive", result.errLines().get(0));
    }

    @Test
    void repeatedPidIsAUsageErrorAndChangesNothing() throws IOException {
        for (String command : List.of("set", "add")) {
            CliRunner.Result result = run("queue", command, "15918", "15920", "15918");

            assertEquals(ExitCodes.USAGE, result.exitCode(), command);
            assertEquals("uoom: PID 15918 is listed twice", result.errLines().get(0));
            assertEquals("", result.out());
            assertEquals("15920 15918\n", queueFile());
        }
    }

    @Test
    void nonNumericPidIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("queue", "set", "java").exitCode());
        assertEquals(ExitCodes.USAGE, run("queue", "set").exitCode());
        assertEquals(ExitCodes.USAGE, run("queue").exitCode());
    }

    @Test
    void reportsModuleNotLoaded() throws IOException {
        Files.delete(root.resolve("oom"));

        for (String[] args : List.of(new String[] {"queue", "show"}, new String[] {"queue", "clear", "--json"})) {
            CliRunner.Result result = run(args);

            assertEquals(ExitCodes.NOT_LOADED, result.exitCode());
            assertEquals(List.of("uoom: module not loaded (" + root.resolve("oom") + " does not exist); load uoom.ko "
                    + "first"), result.errLines());
        }
    }
}
