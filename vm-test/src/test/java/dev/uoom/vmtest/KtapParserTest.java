package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class KtapParserTest {

    private static KtapReport parse(String... lines) {
        return KtapParser.parse(String.join("\n", lines) + "\n");
    }

    @Test
    void passingReport() {
        KtapReport r = parse("TAP version 14", "1..2", "# hello", "ok 1 - first", "ok 2 - second");
        assertTrue(r.passed(), r.failures().toString());
        assertEquals(Optional.of("TAP version 14"), r.version());
        assertEquals(OptionalInt.of(2), r.plan());
        assertEquals(List.of("first", "second"), r.results().stream().map(KtapResult::description).toList());
        assertEquals(List.of("hello"), r.results().get(0).diagnostics());
    }

    @Test
    void failedResultCarriesItsDiagnostics() {
        KtapReport r = parse("KTAP version 1", "1..2", "ok 1 - fine", "# expected 3", "# got 4", "not ok 2 - sum");
        assertFalse(r.passed());
        assertEquals(List.of("# expected 3\n# got 4\nnot ok 2 - sum"), r.failures());
        assertTrue(r.results().get(1).failed());
    }

    @Test
    void skipAndTodoDirectivesAreNotFailures() {
        KtapReport r = parse("TAP version 14", "1..3",
                "ok 1 - kmemleak # SKIP no kmemleak in this kernel",
                "not ok 2 - later # TODO not written yet",
                "ok 3 - hash \\# SKIP is escaped");
        assertTrue(r.passed(), r.failures().toString());
        KtapResult skip = r.results().get(0);
        assertEquals(KtapResult.Directive.SKIP, skip.directive());
        assertEquals("kmemleak", skip.description());
        assertEquals("no kmemleak in this kernel", skip.reason());
        assertEquals(List.of(skip), r.skipped());
        assertEquals(KtapResult.Directive.TODO, r.results().get(1).directive());
        assertEquals(KtapResult.Directive.NONE, r.results().get(2).directive());
    }

    @Test
    void kunitStyleSkipOnNotOk() {
        KtapReport r = parse("KTAP version 1", "1..1", "not ok 1 - probe # SKIP no device");
        assertTrue(r.passed());
        assertTrue(r.results().get(0).skipped());
    }

    @Test
    void missingPlanFails() {
        KtapReport r = parse("TAP version 14", "ok 1 - only");
        assertFalse(r.passed());
        assertEquals(List.of("no plan line (1..N)"), r.failures());
    }

    @Test
    void fewerResultsThanPlannedFails() {
        KtapReport r = parse("TAP version 14", "1..3", "ok 1 - a", "ok 2 - b");
        assertEquals(List.of("planned 3 tests, but only 2 reported"), r.failures());
    }

    @Test
    void moreResultsThanPlannedFails() {
        KtapReport r = parse("TAP version 14", "1..1", "ok 1 - a", "ok 2 - b");
        assertEquals(List.of("planned 1 tests, but 2 reported"), r.failures());
    }

    @Test
    void planMayComeLast() {
        assertTrue(parse("TAP version 14", "ok 1 - a", "ok 2 - b", "1..2").passed());
    }

    @Test
    void outOfSequenceNumbersFail() {
        KtapReport r = parse("TAP version 14", "1..2", "ok 1 - a", "ok 3 - c");
        assertEquals(List.of("result 3 is out of sequence: expected 2"), r.failures());
    }

    @Test
    void numbersAndDescriptionsAreOptional() {
        KtapReport r = parse("TAP version 14", "1..3", "ok", "ok 2", "not ok no dash");
        assertEquals(List.of(1, 2, 3), r.results().stream().map(KtapResult::number).toList());
        assertEquals("no dash", r.results().get(2).description());
        assertFalse(r.passed());
    }

    @Test
    void bailOutFails() {
        KtapReport r = parse("TAP version 14", "1..2", "ok 1 - a", "Bail out! no memory", "ok 2 - b");
        assertEquals(List.of("Bail out! no memory"), r.failures());
    }

    @Test
    void noOutputAtAll() {
        KtapReport r = KtapParser.parse("[    0.000000] Linux version 6.12\nuoom-init: flavour=stock\n");
        assertEquals(List.of("no KTAP output"), r.failures());
        assertTrue(r.results().isEmpty());
    }

    @Test
    void subtestsAreIndentedAndPrecedeTheirResult() {
        KtapReport r = parse(
                "KTAP version 1",
                "1..2",
                "    KTAP version 1",
                "    # Subtest: queue",
                "    1..2",
                "    ok 1 - push",
                "    not ok 2 - pop",
                "not ok 1 - queue",
                "    TAP version 14",
                "    1..1",
                "    ok 1 - set",
                "ok 2 - protect");
        assertFalse(r.passed());
        assertEquals(2, r.results().size());
        KtapReport queue = r.results().get(0).subtest().orElseThrow();
        assertEquals(List.of("push", "pop"), queue.results().stream().map(KtapResult::description).toList());
        assertEquals(List.of("Subtest: queue"), queue.results().get(0).diagnostics());
        assertTrue(r.results().get(1).subtest().orElseThrow().passed());
        assertEquals(List.of("    not ok 2 - pop", "not ok 1 - queue"), r.failures());
    }

    @Test
    void subtestWithoutVersionLineIsFine() {
        KtapReport r = parse("TAP version 14", "1..1", "    1..1", "    ok 1 - inner", "ok 1 - outer");
        assertTrue(r.passed(), r.failures().toString());
    }

    @Test
    void interleavedKernelLogLinesAreIgnored() {
        KtapReport r = KtapParser.parse(String.join("\r\n",
                "[    2.100000] Run /work/main/vm-test/guest/init as init process",
                "uoom-init: flavour=debug kernel=6.12.117-uoom-debug uptime=2.40s",
                "TAP version 14",
                "[    3.000001] uoom: version 0.1.0 loaded, mode hooked",
                "1..2",
                "# version: 0.1.0",
                "[    3.100000] random: crng init done",
                "ok 1 - status",
                "sh: 1: missing: not found",
                "[    4.000000]  <TASK>",
                "ok 2 - rmmod",
                "[    5.000000] reboot: Restarting system",
                ""));
        assertTrue(r.passed(), r.failures().toString());
        assertEquals(List.of("version: 0.1.0"), r.results().get(0).diagnostics());
    }

    @Test
    void prefixOfTheVersionLineIsStripped() {
        KtapReport r = parse(
                "[    1.000000] KTAP version 1",
                "[    1.000001] 1..1",
                "[    1.000002] not ok 1 - prefixed",
                "not ok 2 - from another source");
        assertEquals(1, r.results().size());
        assertEquals(List.of("not ok 1 - prefixed"), r.failures());
    }

    @Test
    void ktapShHelpersProduceAValidReport(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path helpers = RepoRoot.find().resolve("vm-test/guest/ktap.sh");
        String script = ". " + helpers + "\n"
                + "ktap_plan 4\n"
                + "ktap_check 'true works' true\n"
                + "ktap_check 'false fails' sh -c 'echo oops; exit 3'\n"
                + "ktap_skip 'skipped' 'no reason'\n"
                + "ktap_diag \"$(printf 'two\\nlines')\"\n"
                + "ktap_ok 'last'\n"
                + "ktap_finish\n";
        Process p = new ProcessBuilder("sh", "-c", script).directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), out);
        KtapReport r = KtapParser.parse(out);
        assertEquals(4, r.results().size());
        assertEquals(1, r.failures().size(), r.failures().toString());
        assertTrue(r.failures().get(0).matches(
                "# oops\n# took 0\\.\\d\\d s\n# exit status 3: sh -c echo oops; exit 3\nnot ok 2 - false fails"),
                r.failures().get(0));
        assertTrue(r.results().get(2).skipped());
        assertEquals(List.of("two", "lines"), r.results().get(3).diagnostics());
    }

    @Test
    void ktapFinishFailsWhenFewerTestsRanThanPlanned() throws IOException, InterruptedException {
        Path helpers = RepoRoot.find().resolve("vm-test/guest/ktap.sh");
        Process p = new ProcessBuilder("sh", "-c", ". " + helpers + "; ktap_plan 2; ktap_ok one; ktap_finish")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), out);
        assertEquals(List.of("planned 2 tests, but only 1 reported"), KtapParser.parse(out).failures());
    }

    @Test
    void realConsoleOfAPanicIsAnIncompleteReport() {
        KtapReport r = KtapParser.parse(Fixtures.console("stock-sysrq-panic.log"));
        assertEquals(1, r.results().size());
        assertTrue(r.results().get(0).ok());
        assertEquals(List.of("planned 2 tests, but only 1 reported"), r.failures());
    }

    @Test
    void realConsoleOfAnInsmodFailure() {
        KtapReport r = KtapParser.parse(Fixtures.console("patched-insmod-failure.log"));
        assertEquals(List.of("# insmod: ERROR: could not insert module /work/main/out/uoom-stock.ko:"
                + " Invalid module format\nnot ok 1 - insmod /work/main/out/uoom-stock.ko"), r.failures());
    }

    @Test
    void realConsolesOfPassingRuns() {
        KtapReport stock = KtapParser.parse(Fixtures.console("stock-clean.log"));
        assertTrue(stock.passed(), stock.failures().toString());
        assertEquals(7, stock.results().size());
        assertEquals(2, stock.skipped().size());
        assertTrue(stock.result("/proc/oom_status").orElseThrow().diagnostics().contains("mode: advisory"));

        KtapReport debug = KtapParser.parse(Fixtures.console("debug-clean.log"));
        assertTrue(debug.passed(), debug.failures().toString());
        assertEquals(List.of(), debug.skipped());
        assertEquals(7, debug.results().size());
    }
}
