package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrashScannerTest {

    private static List<CrashFinding.Kind> kinds(List<CrashFinding> findings) {
        return findings.stream().map(CrashFinding::kind).toList();
    }

    private static List<CrashFinding> scan(String... lines) {
        return CrashScanner.scan(String.join("\n", lines) + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "stock-clean.log", "debug-clean.log", "stock-sysrq-reboot.log", "patched-insmod-failure.log"})
    void realConsolesWithoutKernelReports(String fixture) {
        assertEquals(List.of(), CrashScanner.scan(Fixtures.console(fixture)));
    }

    @Test
    void realPanic() {
        String console = Fixtures.console("stock-sysrq-panic.log");
        List<CrashFinding> findings = CrashScanner.scan(console);
        assertEquals(List.of(CrashFinding.Kind.PANIC), kinds(findings), findings.toString());
        CrashFinding panic = findings.get(0);
        assertEquals("Kernel panic - not syncing: sysrq triggered crash", panic.title());
        assertTrue(console.lines().toList().get(panic.line() - 1).endsWith(panic.title()));
        assertTrue(panic.excerpt().contains("sysrq_handle_crash"), panic.excerpt());
        assertTrue(panic.excerpt().lines().count() <= CrashScanner.MAX_EXCERPT_LINES);
    }

    @Test
    void kasanReportEndsAtItsClosingLineAndThePanicIsSeparate() {
        List<CrashFinding> findings = scan(
                "[   10.100000] ==================================================================",
                "[   10.100001] BUG: KASAN: slab-use-after-free in uoom_queue_pop+0x4c/0x90 [uoom]",
                "[   10.100002] Read of size 8 at addr ffff888003a1c000 by task sh/70",
                "[   10.100003] Call Trace:",
                "[   10.100004]  <TASK>",
                "[   10.100005]  kasan_report+0xb6/0xf0",
                "[   10.100006]  </TASK>",
                "[   10.100007] ==================================================================",
                "[   10.100008] Kernel panic - not syncing: KASAN: panic_on_warn set ...",
                "[   10.100009] Kernel Offset: disabled");
        assertEquals(List.of(CrashFinding.Kind.KASAN, CrashFinding.Kind.PANIC), kinds(findings));
        assertEquals(2, findings.get(0).line());
        assertEquals(7, findings.get(0).excerpt().lines().count());
        assertTrue(findings.get(0).excerpt().contains("kasan_report"));
    }

    @Test
    void lockdepIsNotAPlainWarning() {
        List<CrashFinding> findings = scan(
                "[   12.000000] ======================================================",
                "[   12.000001] WARNING: possible circular locking dependency detected",
                "[   12.000002] 6.12.117-uoom-debug #1 Tainted: G           O",
                "[   12.000003] stack backtrace:",
                "[   12.000004] Call Trace:",
                "[   12.000005]  dump_stack_lvl+0x5d/0x80");
        assertEquals(List.of(CrashFinding.Kind.LOCKDEP), kinds(findings));
        assertEquals("WARNING: possible circular locking dependency detected", findings.get(0).title());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "WARNING: possible recursive locking detected",
        "WARNING: inconsistent lock state",
        "WARNING: suspicious RCU usage"})
    void otherLockdepReports(String line) {
        assertEquals(List.of(CrashFinding.Kind.LOCKDEP), kinds(scan("[    1.000000] " + line)));
    }

    @Test
    void warningEndsAtItsEndMarker() {
        List<CrashFinding> findings = scan(
                "[    6.000000] ------------[ cut here ]------------",
                "[    6.000001] WARNING: CPU: 1 PID: 70 at kmod/queue.c:42 uoom_queue_add+0x3a/0x80 [uoom]",
                "[    6.000002] Modules linked in: uoom(O)",
                "[    6.000003] Call Trace:",
                "[    6.000004] ---[ end trace 0000000000000000 ]---",
                "ok 3 - after the warning");
        assertEquals(List.of(CrashFinding.Kind.WARNING), kinds(findings));
        assertEquals(4, findings.get(0).excerpt().lines().count());
    }

    @Test
    void sleepingInAtomicContext() {
        List<CrashFinding> findings = scan(
                "[    5.000000] BUG: sleeping function called from invalid context at mm/slab.h:0",
                "[    5.000001] in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: 70, name: sh");
        assertEquals(List.of(CrashFinding.Kind.SLEEP_IN_ATOMIC), kinds(findings));
    }

    @Test
    void kmemleakReportAndItsObjects() {
        List<CrashFinding> findings = scan(
                "[   20.000000] kmemleak: 2 new suspected memory leaks (see /sys/kernel/debug/kmemleak)",
                "# unreferenced object 0xffff888004d2a000 (size 64):",
                "#   comm \"insmod\", pid 60, jiffies 4294893449",
                "[   20.000001] kmemleak: Kernel memory leak detector initialized (mem pool available: 15877)");
        assertEquals(List.of(CrashFinding.Kind.KMEMLEAK, CrashFinding.Kind.KMEMLEAK), kinds(findings));
    }

    @Test
    void kmemleakThatDisabledItselfIsAFinding() {
        List<CrashFinding> findings = scan(
                "[    9.000000] kmemleak: Cannot allocate a kmemleak_object structure",
                "[    9.000001] kmemleak: Kernel memory leak detector disabled");
        assertEquals(List.of(CrashFinding.Kind.KMEMLEAK), kinds(findings));
    }

    @Test
    void oopsAndGeneralProtectionFault() {
        List<CrashFinding> findings = scan(
                "[    3.000000] BUG: kernel NULL pointer dereference, address: 0000000000000008",
                "[    3.000001] #PF: supervisor read access in kernel mode",
                "[    3.000002] Oops: Oops: 0000 [#1] SMP",
                "[    4.000000] Oops: general protection fault, probably for non-canonical address 0xdffffc0000000000",
                "[    5.000000] UBSAN: array-index-out-of-bounds in kmod/queue.c:10:5",
                "[    6.000000] INFO: task sh:70 blocked for more than 120 seconds.",
                "[    7.000000] rcu: INFO: rcu_sched self-detected stall on CPU",
                "[    8.000000] kernel BUG at mm/oom_kill.c:100!");
        assertEquals(List.of(
                CrashFinding.Kind.BUG,
                CrashFinding.Kind.OOPS,
                CrashFinding.Kind.GENERAL_PROTECTION_FAULT,
                CrashFinding.Kind.UBSAN,
                CrashFinding.Kind.HUNG_TASK,
                CrashFinding.Kind.RCU_STALL,
                CrashFinding.Kind.BUG), kinds(findings));
    }

    @Test
    void aStackDumpOnItsOwnIsReported() {
        List<CrashFinding> findings = scan(
                "[    7.000000] CPU: 0 UID: 0 PID: 1 Comm: init Not tainted 6.12.117 #1",
                "[    7.000001] Call Trace:",
                "[    7.000002]  <TASK>",
                "[    7.000003]  dump_stack_lvl+0x5d/0x80");
        assertEquals(List.of(CrashFinding.Kind.CALL_TRACE), kinds(findings));
        assertEquals(2, findings.get(0).line());
    }

    @Test
    void ordinaryBootMessagesAreNotReports() {
        assertEquals(List.of(), scan(
                "[    0.100000] kasan: KernelAddressSanitizer initialized (generic)",
                "[    0.200000] kmemleak: Kernel memory leak detector initialized (mem pool available: 15877)",
                "[    0.300000] Unstable clock detected, switching default tracing clock to \"global\"",
                "ok 1 - no BUG here",
                "# warning: this is a diagnostic"));
    }
}
