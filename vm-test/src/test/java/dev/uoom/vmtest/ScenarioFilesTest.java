package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The guest's shell files parse as POSIX sh, and {@link Scenario#of} writes what it promises. */
class ScenarioFilesTest {

    @Test
    void everyGuestShellFileParses() throws Exception {
        Path guest = RepoRoot.find().resolve("vm-test/guest");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(guest)) {
            files = walk.filter(p -> p.toString().endsWith(".sh")).sorted().toList();
        }
        assertTrue(files.size() > 20, files.toString());
        for (Path f : files) {
            Process sh = new ProcessBuilder("sh", "-n", f.toString()).redirectErrorStream(true).start();
            String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, sh.waitFor(), f + ": " + out);
        }
    }

    @Test
    void aScenarioIsItsExportsAndASourcedFile() {
        String script = Scenario.of("notify/latency", "TRIALS=5", "NOTE=it's");
        assertEquals("# scenario notify/latency\nexport TRIALS=5\nexport NOTE='it'\\''s'\n"
                + ". \"$UOOM_REPO/vm-test/guest/scenarios/notify/latency.sh\"\n", script);
        assertThrows(IllegalArgumentException.class, () -> Scenario.of("notify/no-such-scenario"));
        assertThrows(IllegalArgumentException.class, () -> Scenario.of("notify/latency", "trials=5"));
    }
}
