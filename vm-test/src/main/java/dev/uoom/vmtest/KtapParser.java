package dev.uoom.vmtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses KTAP v1 and TAP 14 output, as printed by {@code vm-test/guest/ktap.sh} or the kernel's
 * KUnit.
 *
 * <p>The input may be a raw serial console: lines that are not KTAP (kernel log messages, init's
 * own messages) are ignored. If the version line has a prefix, such as a printk timestamp, as
 * many characters are removed from every line that follows, as kunit.py does. Subtests are the
 * indented blocks that precede their parent's result line. A missing plan, fewer or more results
 * than planned, numbers out of sequence and {@code Bail out!} are problems, which fail the report.
 */
public final class KtapParser {

    private static final Pattern VERSION = Pattern.compile("^(.*?)(K?TAP version \\d+)\\s*$");
    private static final Pattern PLAN = Pattern.compile("^1\\.\\.(\\d+)\\s*(?:#.*)?$");
    private static final Pattern RESULT =
            Pattern.compile("^(not ok|ok)(?:\\s+(\\d+))?(?:\\s+-)?(?:\\s+(.*?))?\\s*$");
    private static final Pattern DIRECTIVE =
            Pattern.compile("^(.*?)\\s*(?<!\\\\)#\\s*(SKIP|TODO)\\b\\s*(.*?)\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern BAIL = Pattern.compile("^Bail out!\\s*(.*)$");

    private KtapParser() {}

    /** Parses the first KTAP report in {@code text}. */
    public static KtapReport parse(String text) {
        List<String> lines = text.replace("\r", "").lines().toList();
        int start = -1;
        String prefix = "";
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = VERSION.matcher(lines.get(i));
            if (m.matches() && m.group(1).isBlank()) {
                start = i;
                prefix = "";
                break;
            }
            if (m.matches() && start < 0) {
                start = i;
                prefix = m.group(1);
            }
        }
        if (start < 0) {
            return new KtapReport(Optional.empty(), OptionalInt.empty(), List.of(), List.of("no KTAP output"));
        }
        List<Line> body = new ArrayList<>();
        for (String raw : lines.subList(start, lines.size())) {
            if (raw.length() < prefix.length()) {
                continue;
            }
            Line l = Line.of(raw.substring(prefix.length()));
            if (l != null) {
                body.add(l);
            }
        }
        return new Block(body, true).parse();
    }

    /** One line of KTAP grammar, with its indentation. */
    private record Line(int indent, String text) {
        static Line of(String raw) {
            String stripped = raw.stripLeading();
            int indent = raw.length() - stripped.length();
            String text = stripped.stripTrailing();
            boolean ktap = isVersion(text)
                    || PLAN.matcher(text).matches()
                    || RESULT.matcher(text).matches()
                    || text.startsWith("#")
                    || BAIL.matcher(text).matches();
            return ktap ? new Line(indent, text) : null;
        }
    }

    private static boolean isVersion(String text) {
        return (text.startsWith("KTAP version ") || text.startsWith("TAP version "))
                && VERSION.matcher(text).matches();
    }

    /** The lines of one (sub)test report; indentation is relative to the first line. */
    private static final class Block {
        private final List<Line> lines;
        private final boolean top;
        private int pos;

        Block(List<Line> lines, boolean top) {
            this.lines = lines;
            this.top = top;
        }

        KtapReport parse() {
            int base = lines.isEmpty() ? 0 : lines.get(0).indent();
            Optional<String> version = Optional.empty();
            OptionalInt plan = OptionalInt.empty();
            List<KtapResult> results = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            List<String> diagnostics = new ArrayList<>();
            KtapReport pendingSubtest = null;
            int expected = 1;

            while (pos < lines.size()) {
                Line line = lines.get(pos);
                if (line.indent() > base) {
                    pendingSubtest = subtest(base);
                    continue;
                }
                pos++;
                String text = line.text();
                Matcher m;
                if (isVersion(text)) {
                    if (version.isEmpty() && results.isEmpty()) {
                        version = Optional.of(text);
                    }
                } else if ((m = PLAN.matcher(text)).matches()) {
                    if (plan.isPresent()) {
                        problems.add("more than one plan line");
                    } else {
                        plan = OptionalInt.of(Integer.parseInt(m.group(1)));
                    }
                } else if ((m = RESULT.matcher(text)).matches()) {
                    int number = m.group(2) != null ? Integer.parseInt(m.group(2)) : expected;
                    if (number != expected) {
                        problems.add("result " + number + " is out of sequence: expected " + expected);
                    }
                    expected = number + 1;
                    results.add(result(m, number, diagnostics, pendingSubtest));
                    diagnostics = new ArrayList<>();
                    pendingSubtest = null;
                } else if ((m = BAIL.matcher(text)).matches()) {
                    problems.add("Bail out!" + (m.group(1).isEmpty() ? "" : " " + m.group(1)));
                } else {
                    String d = text.substring(1);
                    diagnostics.add(d.startsWith(" ") ? d.substring(1) : d);
                }
            }
            if (pendingSubtest != null) {
                problems.add("a subtest has no result line");
            }
            if (version.isEmpty() && top) {
                problems.add("no KTAP version line");
            }
            if (plan.isEmpty()) {
                problems.add("no plan line (1..N)");
            } else if (results.size() < plan.getAsInt()) {
                problems.add("planned " + plan.getAsInt() + " tests, but only " + results.size() + " reported");
            } else if (results.size() > plan.getAsInt()) {
                problems.add("planned " + plan.getAsInt() + " tests, but " + results.size() + " reported");
            }
            return new KtapReport(version, plan, results, problems);
        }

        /** Consumes the lines indented deeper than {@code base} and parses them as a subtest. */
        private KtapReport subtest(int base) {
            int from = pos;
            while (pos < lines.size() && lines.get(pos).indent() > base) {
                pos++;
            }
            return new Block(lines.subList(from, pos), false).parse();
        }

        private static KtapResult result(Matcher m, int number, List<String> diagnostics, KtapReport subtest) {
            String rest = m.group(3) == null ? "" : m.group(3);
            KtapResult.Directive directive = KtapResult.Directive.NONE;
            String reason = "";
            Matcher d = DIRECTIVE.matcher(rest);
            if (d.matches()) {
                rest = d.group(1);
                directive = KtapResult.Directive.valueOf(d.group(2).toUpperCase(Locale.ROOT));
                reason = d.group(3);
            }
            return new KtapResult(number, m.group(1).equals("ok"), rest, directive, reason, diagnostics,
                    Optional.ofNullable(subtest));
        }
    }
}
