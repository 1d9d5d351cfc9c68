package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The runner, with a shell script standing in for QEMU: no guest boots. */
class VmRunnerTest {

    @TempDir
    Path repo;

    @BeforeEach
    void fakeRepo() throws IOException {
        Files.createDirectories(repo.resolve("vm-test/guest"));
        Files.writeString(repo.resolve("vm-test/guest/init"), "");
        Files.createDirectories(repo.resolve("out"));
        Files.writeString(repo.resolve("out/bzImage-stock"), "");
        Files.writeString(repo.resolve("out/uoom-stock.ko"), "");
    }

    /** A fake QEMU that finds the share in its arguments and runs {@code body} with $share set. */
    private String fakeQemu(String body) throws IOException {
        Path qemu = repo.resolve("fake-qemu");
        Files.writeString(qemu, "#!/bin/sh\n"
                + "for a; do\n"
                + "  case $a in local,id=share,path=*) p=${a#local,id=share,path=}; share=${p%%,*} ;; esac\n"
                + "done\n"
                + body);
        Files.setPosixFilePermissions(qemu, PosixFilePermissions.fromString("rwxr-xr-x"));
        return qemu.toString();
    }

    private static VmSpec spec() {
        return VmSpec.builder(Flavour.STOCK).scenario("echo scenario\n").file("input.txt", "in").build();
    }

    @Test
    void passingRunIsLoggedAndRead() throws Exception {
        String qemu = fakeQemu("""
                printf '[    0.000000] Linux version 6.12\\r\\n'
                cat "$share/input.txt" > "$share/saved.txt"
                printf 'TAP version 14\\n1..1\\nok 1 - fake\\n' | tee "$share/ktap.txt"
                echo 0 > "$share/exitcode"
                """);
        Path logs = repo.resolve("logs");
        VmResult r = new Vm(repo, logs, qemu).run(spec());
        assertEquals(VmResult.Outcome.PASSED, r.outcome(), r.problems().toString());
        assertEquals(OptionalInt.of(0), r.exitCode());
        assertEquals("[    0.000000] Linux version 6.12\nTAP version 14\n1..1\nok 1 - fake\n", r.console());
        assertEquals(logs.resolve("console.log"), r.consoleLog());
        assertTrue(Files.readString(r.consoleLog()).contains("\r\n"), "the log keeps the raw bytes");
        String cmd = Files.readString(logs.resolve("qemu.cmd"));
        assertTrue(cmd.startsWith(qemu + " \\\n    -cpu \\\n    max"), cmd);
        assertTrue(cmd.contains("-append \\\n    'console=ttyS0 root=/dev/root "), cmd);
        assertEquals("echo scenario\n", r.sharedFile("scenario.sh"));
        assertEquals("in", r.sharedFile("saved.txt"));
        assertEquals(qemu, r.command().get(0));
        VmAssertions.assertPassed(r);
    }

    @Test
    void laterRunsGetTheirOwnDirectory() throws Exception {
        String qemu = fakeQemu("echo 0 > \"$share/exitcode\"\n");
        Vm vm = new Vm(repo, repo.resolve("logs"), qemu);
        vm.run(spec());
        VmResult second = vm.run(spec());
        assertEquals(repo.resolve("logs/run-2/console.log"), second.consoleLog());
    }

    @Test
    void missingExitCodeIsACrash() throws Exception {
        String qemu = fakeQemu("printf 'TAP version 14\\n1..1\\nok 1 - fake\\n' > \"$share/ktap.txt\"\n");
        VmResult r = new Vm(repo, repo.resolve("logs"), qemu).run(spec());
        assertEquals(VmResult.Outcome.CRASH, r.outcome());
        assertTrue(r.crashed());
        assertTrue(r.ktap().passed());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> VmAssertions.assertPassed(r));
        assertTrue(e.getMessage().contains("without writing an exit code"), e.getMessage());
    }

    @Test
    void qemuDyingBeforeInitBootsOnceMore() throws Exception {
        // The first boot segfaults in "early boot"; the second reaches init and passes.
        String qemu = fakeQemu("""
                ulimit -c 0; boots=$(cat "$0.boots" 2>/dev/null || echo 0); echo $((boots + 1)) > "$0.boots"
                echo '[    0.800000] PCI: Probing PCI hardware'
                [ "$boots" = 0 ] && kill -SEGV $$
                echo 'uoom-init: flavour=stock kernel=6.12 uptime=1.0s'
                printf 'TAP version 14\\n1..1\\nok 1 - fake\\n' > "$share/ktap.txt"
                echo 0 > "$share/exitcode"
                """);
        VmResult r = new Vm(repo, repo.resolve("logs"), qemu).run(spec());
        assertEquals("2", Files.readString(Path.of(qemu + ".boots")).strip());
        assertEquals(VmResult.Outcome.PASSED, r.outcome(), r.problems().toString());
        assertEquals(repo.resolve("logs/run-2/console.log"), r.consoleLog());
    }

    @Test
    void qemuDyingTwiceIsACrashThatSaysSo() throws Exception {
        String qemu = fakeQemu("""
                ulimit -c 0; boots=$(cat "$0.boots" 2>/dev/null || echo 0); echo $((boots + 1)) > "$0.boots"
                kill -SEGV $$
                """);
        VmResult r = new Vm(repo, repo.resolve("logs"), qemu).run(spec());
        assertEquals("2", Files.readString(Path.of(qemu + ".boots")).strip());
        assertEquals(VmResult.Outcome.CRASH, r.outcome());
        assertEquals(128 + 11, r.qemuStatus());
        assertTrue(r.problems().contains("qemu itself died of signal 11 before the guest wrote an exit code"),
                r.problems().toString());
    }

    @Test
    void qemuDyingAfterInitIsNotRetried() throws Exception {
        String qemu = fakeQemu("""
                ulimit -c 0; boots=$(cat "$0.boots" 2>/dev/null || echo 0); echo $((boots + 1)) > "$0.boots"
                echo 'uoom-init: flavour=stock kernel=6.12 uptime=1.0s'
                kill -SEGV $$
                """);
        VmResult r = new Vm(repo, repo.resolve("logs"), qemu).run(spec());
        assertEquals("1", Files.readString(Path.of(qemu + ".boots")).strip());
        assertEquals(VmResult.Outcome.CRASH, r.outcome());
    }

    @Test
    void staleExitCodeFromAnEarlierRunIsRemoved() throws Exception {
        Path logs = repo.resolve("logs");
        Files.createDirectories(logs.resolve("share"));
        Files.writeString(logs.resolve("share/exitcode"), "0\n");
        VmResult r = new Vm(repo, logs, fakeQemu("true\n")).run(spec());
        assertEquals(VmResult.Outcome.CRASH, r.outcome());
    }

    @Test
    void timeoutKillsQemu() throws Exception {
        String qemu = fakeQemu("echo booting\nexec sleep 60\n");
        VmSpec spec = spec().toBuilder().timeout(Duration.ofMillis(500)).build();
        long start = System.nanoTime();
        VmResult r = new Vm(repo, repo.resolve("logs"), qemu).run(spec);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
        assertEquals(VmResult.Outcome.TIMEOUT, r.outcome());
        assertTrue(r.timedOut());
        assertEquals("booting\n", r.console());
        assertTrue(r.problems().contains("stopped by the harness: timed out after 0 s"), r.problems().toString());
    }

    @Test
    void silentConsoleEndsTheGuestBeforeItsTimeout() throws Exception {
        String qemu = fakeQemu("echo one; sleep 0.2; echo two; exec sleep 60\n");
        VmSpec spec = spec().toBuilder().timeout(Duration.ofSeconds(50)).silence(Duration.ofSeconds(1)).build();
        long start = System.nanoTime();
        VmResult r = new Vm(repo, repo.resolve("logs"), qemu).run(spec);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
        assertEquals(VmResult.Outcome.TIMEOUT, r.outcome());
        assertEquals("one\ntwo\n", r.console());
        assertEquals("the console printed nothing for 1 s", r.stopped().orElseThrow());
    }

    @Test
    void outputKeepsASlowGuestAlive() throws Exception {
        String qemu = fakeQemu("for i in 1 2 3 4 5 6; do echo $i; sleep 0.3; done; echo 0 > \"$share/exitcode\"\n");
        VmSpec spec = spec().toBuilder().silence(Duration.ofSeconds(1)).build();
        VmResult r = new Vm(repo, repo.resolve("logs"), qemu).run(spec);
        assertEquals(OptionalInt.of(0), r.exitCode());
        assertTrue(r.stopped().isEmpty());
    }

    @Test
    void spentBudgetStartsNoGuest() throws Exception {
        long[] now = {0};
        SuiteBudget budget = new SuiteBudget(Duration.ofMinutes(1), () -> now[0]);
        Path boots = repo.resolve("boots");
        Vm vm = new Vm(repo, repo.resolve("logs"),
                fakeQemu("echo x >> " + boots + "\necho 0 > \"$share/exitcode\"\n"), budget);
        now[0] = Duration.ofSeconds(29).toNanos();
        assertEquals(OptionalInt.of(0), vm.run(spec()).exitCode());
        now[0] = Duration.ofSeconds(31).toNanos();
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> vm.run(spec()));
        assertTrue(e.getMessage().contains("budget of 1 min"), e.getMessage());
        assertEquals(1, Files.readAllLines(boots).size());
    }

    @Test
    void failingScenarioWithAKernelReport() throws Exception {
        String qemu = fakeQemu("""
                printf 'TAP version 14\\n1..2\\nok 1 - a\\n# boom\\nnot ok 2 - b\\n' | tee "$share/ktap.txt"
                echo '[    1.000000] WARNING: CPU: 0 PID: 1 at kmod/main.c:1 f+0x0/0x1'
                echo 1 > "$share/exitcode"
                """);
        VmResult r = new Vm(repo, repo.resolve("logs"), qemu).run(spec());
        assertEquals(VmResult.Outcome.FAILED, r.outcome());
        String message = assertThrows(AssertionFailedError.class, () -> VmAssertions.assertPassed(r)).getMessage();
        assertTrue(message.contains("the scenario exited with status 1"), message);
        assertTrue(message.contains("    # boom\n    not ok 2 - b\n"), message);
        assertTrue(message.contains("[WARNING] console line 6"), message);
        assertTrue(message.contains("  | [    1.000000] WARNING"), message);
        VmAssertions.assertKtapOk(r, "a");
        assertThrows(AssertionFailedError.class, () -> VmAssertions.assertKtapOk(r, "b"));
        assertThrows(AssertionFailedError.class, () -> VmAssertions.assertKtapOk(r, "c"));
    }

    @Test
    void skippedResultsFailUnlessAllowedByName() throws Exception {
        String qemu = fakeQemu("""
                printf 'TAP version 14\\n1..3\\nok 1 - ran\\nok 2 - leaks # SKIP no kmemleak\\nnot ok 3 - later # TODO\\n' \\
                    | tee "$share/ktap.txt"
                echo 0 > "$share/exitcode"
                """);
        VmResult r = new Vm(repo, repo.resolve("logs"), qemu).run(spec());
        assertEquals(VmResult.Outcome.PASSED, r.outcome(), r.problems().toString());
        String message = assertThrows(AssertionFailedError.class, () -> VmAssertions.assertPassed(r)).getMessage();
        assertTrue(message.contains("ok 2 - leaks # SKIP no kmemleak"), message);
        assertThrows(AssertionFailedError.class, () -> VmAssertions.assertPassed(r, "leaks"));
        VmAssertions.assertPassed(r, "leaks", "later");
    }

    @Test
    void missingKernelFailsAndSaysToRunMake() throws IOException {
        Files.delete(repo.resolve("out/bzImage-stock"));
        Vm vm = new Vm(repo, repo.resolve("logs"), fakeQemu("true\n"));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> vm.run(spec()));
        assertTrue(e.getMessage().contains("run `make`"), e.getMessage());
        assertFalse(Files.exists(repo.resolve("logs")));
    }

    @Test
    void missingModuleMattersOnlyWhenItIsLoaded() throws Exception {
        Files.delete(repo.resolve("out/uoom-stock.ko"));
        Vm vm = new Vm(repo, repo.resolve("logs"), fakeQemu("echo 0 > \"$share/exitcode\"\n"));
        assertThrows(AssertionFailedError.class, () -> vm.run(spec()));
        assertEquals(OptionalInt.of(0), vm.run(spec().toBuilder().loadModule(false).build()).exitCode());
    }

    @Test
    void missingQemuFails() {
        Vm vm = new Vm(repo, repo.resolve("logs"), "no-such-qemu-binary");
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> vm.run(spec()));
        assertTrue(e.getMessage().contains("qemu-system-x86"), e.getMessage());
    }

    @Test
    void realConsolesReadAsTheHarnessWould(@TempDir Path share) throws IOException {
        VmSpec spec = spec();
        String panic = Fixtures.console("stock-sysrq-panic.log").replace("\r\n", "\n");
        VmResult crashed = VmResult.of(spec, List.of("qemu"), panic, share, share.resolve("c"), Duration.ZERO);
        assertEquals(VmResult.Outcome.CRASH, crashed.outcome());
        assertEquals(CrashFinding.Kind.PANIC, crashed.findings().get(0).kind());
        assertEquals(List.of("planned 2 tests, but only 1 reported"), crashed.ktap().failures());

        String reboot = Fixtures.console("stock-sysrq-reboot.log").replace("\r\n", "\n");
        VmResult rebooted = VmResult.of(spec, List.of("qemu"), reboot, share, share.resolve("c"), Duration.ZERO);
        assertEquals(VmResult.Outcome.CRASH, rebooted.outcome());
        assertEquals(List.of(), rebooted.findings());
    }

    @Test
    void shellQuoting() {
        assertEquals("-m", Vm.shellQuote("-m"));
        assertEquals("local,id=share,path=/a/b", Vm.shellQuote("local,id=share,path=/a/b"));
        assertEquals("'a b'", Vm.shellQuote("a b"));
        assertEquals("'it'\\''s'", Vm.shellQuote("it's"));
    }
}
