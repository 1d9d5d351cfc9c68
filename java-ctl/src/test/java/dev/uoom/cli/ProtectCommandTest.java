package dev.uoom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uoom.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    @BeforeEach
    void copyFixture() {
        Fixtures.copyProcRoot("snapshot", root);
    }

    @Test
    void listsProtectedProcesses() {
        CliRunner.Result result = CliRunner.run(root, "protected");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(List.of("  PID  NAME    SAVED_ADJ  SOURCE", "    1  init            -  other",
                "15917  memhog        300  uoom"), result.outLines());
    }

    @Test
    void listsAsJson() throws Exception {
        JsonNode json = JSON.readTree(CliRunner.run(root, "protected", "--json").out());

        assertTrue(json.get("target").isNull());
        assertEquals(15917, json.get("protectedProcesses").get(1).get("pid").asInt());
        assertEquals(300, json.get("protectedProcesses").get(1).get("savedAdj").asInt());
        assertTrue(json.get("protectedProcesses").get(0).get("savedAdj").isNull());
        assertEquals("uoom", json.get("protectedProcesses").get(1).get("source").asText());
    }

    @Test
    void moduleWithoutProtectionIsExitCode3() throws Exception {
        Files.delete(root.resolve("oom_kill_protection/status"));

        CliRunner.Result result = CliRunner.run(root, "protected");
        assertEquals(ExitCodes.NOT_LOADED, result.exitCode());
        assertTrue(result.err().contains("module not loaded"), result.err());
    }

    @Test
    void pidAndSelfTogetherIsAUsageError() {
        CliRunner.Result result = CliRunner.run(root, "protect", "--self", "42");

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertTrue(result.err().contains("Unmatched argument") || result.err().contains("mutually exclusive"),
                result.err());
    }

    @Test
    void neitherPidNorSelfIsAUsageError() {
        assertEquals(ExitCodes.USAGE, CliRunner.run(root, "unprotect").exitCode());
    }

    @Test
    void badPidsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, CliRunner.run(root, "protect", "abc").exitCode());
        CliRunner.Result negative = CliRunner.run(root, "protect", "--", "-5");
        assertEquals(ExitCodes.USAGE, negative.exitCode());
        assertTrue(negative.err().contains("pids are positive"), negative.err());
    }
}
