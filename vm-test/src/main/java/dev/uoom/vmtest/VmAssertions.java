package dev.uoom.vmtest;

import java.util.List;
import java.util.Set;
import org.opentest4j.AssertionFailedError;

/** Assertions on a {@link VmResult} whose failure messages carry everything needed to debug it. */
public final class VmAssertions {

    /** How many console lines a failure message ends with. */
    public static final int CONSOLE_TAIL_LINES = 60;

    private VmAssertions() {}

    /**
     * Fails unless the run passed: an exit code of 0, a complete KTAP report with no failures and
     * no SKIP or TODO results other than {@code allowedSkips}, and no kernel reports on the
     * console. The message lists the KTAP failures, the findings and the last
     * {@value #CONSOLE_TAIL_LINES} console lines.
     *
     * @param allowedSkips descriptions of results that may be skipped in this run
     */
    public static void assertPassed(VmResult result, String... allowedSkips) {
        if (!result.passed()) {
            throw new AssertionFailedError(report(result, "VM run " + result.outcome()));
        }
        Set<String> allowed = Set.of(allowedSkips);
        List<String> notRun = result.ktap().notPassing().stream()
                .filter(r -> !allowed.contains(r.description())).map(KtapResult::line).toList();
        if (!notRun.isEmpty()) {
            throw new AssertionFailedError(report(result, "KTAP results skipped or TODO: " + notRun));
        }
    }

    /** Fails unless the KTAP report holds a result with this description that is ok and not skipped. */
    public static void assertKtapOk(VmResult result, String description) {
        KtapResult r = result.ktap().result(description).orElseThrow(() -> new AssertionFailedError(
                report(result, "no KTAP result named '" + description + "'")));
        if (!r.ok() || r.skipped()) {
            throw new AssertionFailedError(report(result, "KTAP result not ok: " + r.line()));
        }
    }

    /**
     * Scenario {@code part} of a {@link GuestSuite} passed: its top-level result is ok, and its
     * subtest has every result ok and none skipped.
     */
    public static void assertPartPassed(VmResult result, String part) {
        assertKtapOk(result, part);
        KtapReport sub = GuestSuite.subtest(result, part);
        if (!sub.passed() || !sub.notPassing().isEmpty()) {
            throw new AssertionFailedError(report(result, part + ": " + sub.failures()
                    + (sub.notPassing().isEmpty() ? "" : ", not run: " + sub.notPassing())));
        }
    }

    /** A multi-line description of {@code result}, headed by {@code headline}. */
    public static String report(VmResult result, String headline) {
        StringBuilder sb = new StringBuilder(headline).append(" (").append(result.spec()).append(")\n");
        for (String p : result.problems()) {
            sb.append("  - ").append(p).append('\n');
        }
        List<String> ktap = result.ktap().failures();
        if (!ktap.isEmpty()) {
            sb.append("KTAP failures:\n");
            ktap.forEach(f -> sb.append(indent(f)));
        }
        if (!result.findings().isEmpty()) {
            sb.append("Kernel reports on the console:\n");
            result.findings().forEach(f -> sb.append("  ").append(f).append('\n').append(indent(f.excerpt())));
        }
        sb.append("Last ").append(CONSOLE_TAIL_LINES).append(" console lines (full log: ")
                .append(result.consoleLog()).append("):\n");
        result.consoleTail(CONSOLE_TAIL_LINES).forEach(l -> sb.append("  | ").append(l).append('\n'));
        return sb.toString();
    }

    private static String indent(String text) {
        StringBuilder sb = new StringBuilder();
        text.lines().forEach(l -> sb.append("    ").append(l).append('\n'));
        return sb.toString();
    }

    /** Each of {@code steps} occurs in {@code log}, each after the end of the one before. */
    public static void assertInOrder(String log, List<String> steps) {
        int at = 0;
        for (String step : steps) {
            int found = log.indexOf(step, at);
            if (found < 0) {
                throw new AssertionFailedError("missing or out of order: " + step + "\n" + log);
            }
            at = found + step.length();
        }
    }
}
