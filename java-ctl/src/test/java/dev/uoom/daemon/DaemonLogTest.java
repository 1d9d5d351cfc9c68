package dev.uoom.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.uoom.nativeio.FileIdentity;
import dev.uoom.nativeio.LibC;
import dev.uoom.nativeio.NativeFd;

/** Plain lines, journal priority prefixes, and recognising the journal's stream. */
class DaemonLogTest {
    @TempDir
    Path dir;

    @Test
    void writesOneLinePerRecordAtTheLevel() {
        StringWriter out = new StringWriter();
        Logger log = DaemonLog.create(new PrintWriter(out), Level.INFO);

        log.info("wrote 2 pids\nsecond line");
        log.fine("not shown");
        log.log(Level.WARNING, "failed", new IOException("boom"));

        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), out.toString());
        assertTrue(lines.get(0).matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO wrote 2 pids second line"),
                lines.get(0));
        assertTrue(lines.get(1).endsWith(" WARNING failed: java.io.IOException: boom"), lines.get(1));
    }

    @Test
    void loggersAreIndependent() {
        StringWriter a = new StringWriter();
        StringWriter b = new StringWriter();

        DaemonLog.create(new PrintWriter(a), Level.INFO).info("to a");
        DaemonLog.create(new PrintWriter(b), Level.INFO).info("to b");

        assertTrue(a.toString().contains("to a") && !a.toString().contains("to b"));
    }

    @Test
    void journalLinesCarryThePriorityAndNoTime() {
        StringWriter text = new StringWriter();
        Logger log = DaemonLog.create(new PrintWriter(text), Level.FINE, true);
        log.severe("a");
        log.warning("b");
        log.info("c\nd");
        log.fine("e");
        assertEquals("<3>a\n<4>b\n<6>c d\n<7>e\n", text.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void journalStreamMustNameTheDescriptorsFile() throws Exception {
        Path file = Files.writeString(dir.resolve("stream"), "");
        try (NativeFd fd = NativeFd.open(file.toString(), LibC.O_RDONLY)) {
            FileIdentity id = FileIdentity.of(fd.fd());
            String dev = Long.toUnsignedString(id.device());
            assertTrue(DaemonLog.isJournalStream(dev + ":" + id.inode(), id));
            assertFalse(DaemonLog.isJournalStream(dev + ":" + (id.inode() + 1), id));
            assertFalse(DaemonLog.isJournalStream(dev, id));
            assertFalse(DaemonLog.isJournalStream("x:y", id));
            assertFalse(DaemonLog.isJournalStream(null, id));
        }
    }
}
