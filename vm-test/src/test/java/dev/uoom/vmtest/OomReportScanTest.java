package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The OOM killer's report, stack dump included, is expected behaviour in OOM scenarios. */
class OomReportScanTest {

    @Test
    void oomKillerReportsAreNotCrashes() {
        String console = Fixtures.console("patched-oom-queue-kill.log");
        assertTrue(console.contains("invoked oom-killer:") && console.contains("Call Trace:"));
        assertEquals(List.of(), CrashScanner.scan(console));
    }

    @Test
    void aStackDumpElsewhereIsStillReported() {
        String console = Fixtures.console("patched-oom-queue-kill.log")
                + "[   20.000000] something odd happened\n"
                + "[   20.000001] Call Trace:\n[   20.000002]  <TASK>\n";
        List<CrashFinding> findings = CrashScanner.scan(console);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(CrashFinding.Kind.CALL_TRACE, findings.get(0).kind());
    }
}
