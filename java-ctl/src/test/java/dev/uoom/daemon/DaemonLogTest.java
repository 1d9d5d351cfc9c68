package dev.uoom.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

class DaemonLogTest {

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
}
