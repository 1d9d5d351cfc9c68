package dev.uoom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java-ctl/uoom.sh} and the systemd unit: how they start the JVM. */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("uoom.sh");
    private static final Path UNIT = Path.of("systemd/uoom-daemon.service");

    /** The arguments the launcher passes to {@code $JAVA}, one a line, with {@code UOOM_JAVA_OPTS} as given. */
    private static List<String> javaArgs(Path tmp, String javaOpts) throws Exception {
        Path java = tmp.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", LAUNCHER.toString(), "daemon").redirectErrorStream(true);
        pb.environment().put("JAVA", java.toString());
        if (javaOpts == null) {
            pb.environment().remove("UOOM_JAVA_OPTS");
        } else {
            pb.environment().put("UOOM_JAVA_OPTS", javaOpts);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().toList();
    }

    /** The {@code UOOM_JAVA_OPTS} that the unit sets. */
    private static String unitJavaOpts() throws Exception {
        Matcher m = Pattern.compile("(?m)^Environment=\"UOOM_JAVA_OPTS=([^\"]*)\"").matcher(Files.readString(UNIT));
        assertTrue(m.find(), "no UOOM_JAVA_OPTS in " + UNIT);
        return m.group(1);
    }

    @Test
    void theJvmExitsOnOutOfMemoryUnderTheUnitAndWithoutIt(@TempDir Path tmp) throws Exception {
        // A JVM that runs out of heap is left half-working; exiting lets systemd restart it.
        for (String opts : new String[] {null, unitJavaOpts(), "-Xmx16m"}) {
            List<String> args = javaArgs(tmp, opts);
            assertTrue(args.contains("-XX:+ExitOnOutOfMemoryError"), opts + ": " + args);
            assertEquals(List.of("-jar", LAUNCHER.toAbsolutePath().getParent().resolve("uoom.jar").toString(),
                    "daemon"), args.subList(args.size() - 3, args.size()), opts + ": " + args);
        }
        assertTrue(unitJavaOpts().contains("-Xmx48m"));
        assertTrue(Files.readString(UNIT).contains("\nRestart=on-failure\n"));
    }
}
