package dev.uoom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.uoom.Fixtures;

/** Executes {@code uoom status} against fixture proc trees. */
class StatusCommandTest {
    private static final String KERNEL = System.getProperty("os.version");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path emptyRoot;

    private static CliRunner.Result status(String fixture, String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "status";
        System.arraycopy(options, 0, args, 1, options.length);
        return CliRunner.run(Fixtures.procRoot(fixture), args);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void printsHookedStatus() {
        CliRunner.Result result = status("hooked");

        assertEquals(ExitCodes.OK, result.exitCode());
        assertEquals(List.of(
                "uoom module:  0.1.0",
                "mode:         hooked (the kernel consults the uoom candidate queue)",
                "kernel:       " + KERNEL), result.outLines());
        assertEquals("", result.err());
    }

    @Test
    void printsAdvisoryStatus() {
        CliRunner.Result result = status("advisory");

        assertEquals(ExitCodes.OK, result.exitCode());
        assertEquals("mode:         advisory (no OOM select hook in use; uoom can only adjust oom_score_adj)",
                result.outLines().get(1));
    }

    @Test
    void printsFurtherKeysAligned() {
        CliRunner.Result result = status("extra-keys");

        assertEquals(ExitCodes.OK, result.exitCode());
        assertEquals(List.of(
                "uoom module:   0.2.0",
                "mode:          hooked (the kernel consults the uoom candidate queue)",
                "kernel:        " + KERNEL,
                "queue_length:  3",
                "kills:         1",
                "fallbacks:     0",
                "last_victim:   123 (stress-ng: vm)"), result.outLines());
    }

    @Test
    void printsUnknownModeAsReported() {
        CliRunner.Result result = status("unknown-mode");

        assertEquals(ExitCodes.OK, result.exitCode());
        assertEquals("mode:         bpf (not known to this version of uoom)", result.outLines().get(1));
    }

    @Test
    void printsJson() throws Exception {
        CliRunner.Result result = status("hooked", "--json");

        assertEquals(ExitCodes.OK, result.exitCode());
        assertEquals(1, result.outLines().size(), result.out());
        JsonNode json = JSON.readTree(result.out());
        assertEquals(List.of("version", "mode", "kernel", "fields"), fieldNames(json));
        assertEquals("0.1.0", json.get("version").asText());
        assertEquals("hooked", json.get("mode").asText());
        assertEquals(KERNEL, json.get("kernel").asText());
        assertEquals(JSON.readTree("{\"version\":\"0.1.0\",\"mode\":\"hooked\"}"), json.get("fields"));
        assertEquals("", result.err());
    }

    @Test
    void printsAllFieldsInJson() throws Exception {
        JsonNode fields = JSON.readTree(status("extra-keys", "--json").out()).get("fields");

        assertEquals(List.of("version", "mode", "queue_length", "kills", "fallbacks", "last_victim"),
                fieldNames(fields));
        assertEquals("123 (stress-ng: vm)", fields.get("last_victim").asText());
    }

    @Test
    void reportsModuleNotLoaded() {
        for (String[] args : List.of(new String[] {"status"}, new String[] {"status", "--json"})) {
            CliRunner.Result result = CliRunner.run(emptyRoot, args);

            assertEquals(ExitCodes.NOT_LOADED, result.exitCode());
            assertEquals("", result.out());
            assertEquals(List.of("uoom: module not loaded (" + emptyRoot.resolve("oom_status")
                    + " does not exist); load uoom.ko first"), result.errLines());
        }
    }

    @Test
    void reportsMalformedStatusOnOneLine() {
        CliRunner.Result result = status("malformed");

        assertEquals(ExitCodes.ERROR, result.exitCode());
        assertEquals(List.of("uoom: malformed " + Fixtures.procRoot("malformed").resolve("oom_status")
                + " line 2: expected \"key: value\" with key [a-z_]+, got \"mode hooked\""), result.errLines());
    }

    @Test
    void verbosePrintsStackTrace() {
        CliRunner.Result result = status("malformed", "--verbose");

        assertEquals(ExitCodes.ERROR, result.exitCode());
        assertTrue(result.errLines().get(0).startsWith("uoom: malformed "), result.err());
        assertTrue(result.err().contains("\tat dev.uoom.api.Uoom.status("), result.err());
    }

    @Test
    void reportsUnexpectedFailureByType() {
        CliRunner.Result result = CliRunner.run(() -> {
            throw new IllegalStateException("boom");
        }, "status");

        assertEquals(ExitCodes.ERROR, result.exitCode());
        assertEquals(List.of("uoom: java.lang.IllegalStateException: boom"), result.errLines());
    }
}
