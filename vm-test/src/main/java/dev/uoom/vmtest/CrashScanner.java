package dev.uoom.vmtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds kernel error reports on a guest console: panics, oopses, {@code BUG:} and {@code WARNING:}
 * splats, KASAN, UBSAN, kmemleak, lockdep, sleeping in atomic context, hung tasks, RCU stalls, and
 * stack dumps that belong to none of these. The stack the OOM killer dumps with its own report
 * ({@code ... invoked oom-killer:}) is expected in OOM tests and is not a finding.
 *
 * <p>Each report becomes one {@link CrashFinding}, with an excerpt that runs from its first line to
 * the end marker the kernel prints ({@code ---[ end ...}, KASAN's closing {@code ====} line), to
 * the start of the next report, or for at most {@value #MAX_EXCERPT_LINES} lines.
 */
public final class CrashScanner {

    /** The longest excerpt kept for one finding. */
    public static final int MAX_EXCERPT_LINES = 60;

    private static final Pattern TIMESTAMP = Pattern.compile("^\\s*\\[\\s*\\d+\\.\\d+\\]\\s?");
    private static final Pattern END = Pattern.compile("---\\[ end |^={20,}\\s*$");
    private static final Pattern CALL_TRACE = Pattern.compile("\\bCall Trace:");
    /**
     * The OOM killer's report and the allocation failure of a task it killed dump a stack; in
     * OOM scenarios that is expected, not a crash.
     */
    private static final Pattern OOM_REPORT = Pattern.compile(" invoked oom-killer: |: page allocation failure: ");
    private static final int OOM_REPORT_LINES = 8;

    /** The rules, in priority order: the first one that matches classifies a line. */
    private static final Map<CrashFinding.Kind, Pattern> RULES = new LinkedHashMap<>();

    static {
        // A panic names its cause ("Kernel panic - not syncing: KASAN: panic_on_warn set"): it comes first.
        rule(CrashFinding.Kind.PANIC, "Kernel panic - not syncing");
        rule(CrashFinding.Kind.KASAN, "\\bKASAN: ");
        rule(CrashFinding.Kind.UBSAN, "\\bUBSAN: ");
        // A kmemleak that turned itself off (pool exhausted, internal error) can no longer find leaks.
        rule(CrashFinding.Kind.KMEMLEAK, "kmemleak: \\d+ new suspected memory leaks|unreferenced object 0x"
                + "|Kernel memory leak detector disabled");
        rule(CrashFinding.Kind.LOCKDEP, "possible circular locking dependency|possible recursive locking"
                + "|inconsistent lock state|possible irq lock inversion|bad unlock balance"
                + "|suspicious RCU usage|held lock freed|lock held when returning to user space");
        rule(CrashFinding.Kind.SLEEP_IN_ATOMIC,
                "BUG: sleeping function called from invalid context|BUG: scheduling while atomic");
        rule(CrashFinding.Kind.GENERAL_PROTECTION_FAULT, "general protection fault");
        rule(CrashFinding.Kind.OOPS, "\\bOops: ");
        rule(CrashFinding.Kind.BUG, "\\bBUG: |kernel BUG at ");
        rule(CrashFinding.Kind.WARNING, "\\bWARNING: ");
        rule(CrashFinding.Kind.HUNG_TASK, "INFO: task .* blocked for more than");
        rule(CrashFinding.Kind.RCU_STALL, "rcu: INFO: .*detected stalls?|self-detected stall");
    }

    private static boolean followsOomReport(List<String> lines, int callTrace) {
        for (int j = callTrace - 1; j >= 0 && j >= callTrace - OOM_REPORT_LINES; j--) {
            if (OOM_REPORT.matcher(lines.get(j)).find()) {
                return true;
            }
        }
        return false;
    }

    private static void rule(CrashFinding.Kind kind, String regex) {
        RULES.put(kind, Pattern.compile(regex));
    }

    private CrashScanner() {}

    /** Returns the reports on {@code console}, in the order they appear. */
    public static List<CrashFinding> scan(String console) {
        List<String> lines = console.replace("\r", "").lines().map(CrashScanner::stripTimestamp).toList();
        CrashFinding.Kind[] kinds = new CrashFinding.Kind[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            kinds[i] = classify(lines.get(i));
        }
        List<CrashFinding> findings = new ArrayList<>();
        int coveredUntil = -1;
        for (int i = 0; i < lines.size(); i++) {
            CrashFinding.Kind kind = kinds[i];
            if (kind == null && i > coveredUntil && CALL_TRACE.matcher(lines.get(i)).find()
                    && !followsOomReport(lines, i)) {
                kind = CrashFinding.Kind.CALL_TRACE;
            }
            if (kind == null) {
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && end - i < MAX_EXCERPT_LINES && kinds[end] == null) {
                if (END.matcher(lines.get(end++)).find()) {
                    break;
                }
            }
            findings.add(new CrashFinding(kind, i + 1, lines.get(i).strip(),
                    String.join("\n", lines.subList(i, end))));
            coveredUntil = Math.max(coveredUntil, end - 1);
        }
        return List.copyOf(findings);
    }

    private static CrashFinding.Kind classify(String line) {
        for (Map.Entry<CrashFinding.Kind, Pattern> rule : RULES.entrySet()) {
            if (rule.getValue().matcher(line).find()) {
                return rule.getKey();
            }
        }
        return null;
    }

    private static String stripTimestamp(String line) {
        Matcher m = TIMESTAMP.matcher(line);
        return m.find() ? line.substring(m.end()) : line;
    }
}
