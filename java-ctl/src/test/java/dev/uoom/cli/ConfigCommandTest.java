package dev.uoom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.uoom.api.Uoom;

/** {@code uoom config check FILE}: never touches the kernel, changes nothing. */
class ConfigCommandTest {
    private static final Supplier<Uoom> NO_KERNEL = () -> {
        throw new AssertionError("config check must not touch the kernel");
    };

    @TempDir
    Path etc;

    private List<Path> files() throws Exception {
        try (var s = Files.list(etc)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aGoodFileIsOk() throws Exception {
        Path file = Files.writeString(etc.resolve("daemon.yaml"), "policy: rules\nrules:\n  - {action: exclude, "
                + "name: '^sshd$'}\nqueue-length: 8\n");

        CliRunner.Result result = CliRunner.run(NO_KERNEL, "config", "check", file.toString());

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals(file + ": ok\n", result.out());
        assertEquals("", result.err());
        assertEquals(List.of(file), files());
    }

    @Test
    void aBadFileExitsWithTheConfigCodeAndSaysWhy() throws Exception {
        String yaml = "queue-length: 16\nrerank-interval: 600\n";
        Path file = Files.writeString(etc.resolve("daemon.yaml"), yaml);

        CliRunner.Result result = CliRunner.run(NO_KERNEL, "config", "check", file.toString());

        assertEquals(ExitCodes.CONFIG, result.exitCode());
        assertEquals("", result.out());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("uoom: " + file + ": ") && result.err().contains("rerank-interval"),
                result.err());
        assertEquals(yaml, Files.readString(file));
        assertEquals(List.of(file), files());
    }

    @Test
    void aMissingFileIsAConfigError() {
        CliRunner.Result result = CliRunner.run(NO_KERNEL, "config", "check", etc.resolve("none.yaml").toString());

        assertEquals(ExitCodes.CONFIG, result.exitCode());
        assertEquals(List.of("uoom: " + etc.resolve("none.yaml") + ": no such file"), result.errLines());
    }

    @Test
    void helpNamesTheExitCode() {
        CliRunner.Result result = CliRunner.run(NO_KERNEL, "config", "check", "--help");

        assertEquals(ExitCodes.OK, result.exitCode());
        assertTrue(result.out().contains("Usage: uoom config check [-hvV] FILE"), result.out());
        assertTrue(result.out().replaceAll("\\s+", " ").contains("exits with code 4"), result.out());
    }
}
