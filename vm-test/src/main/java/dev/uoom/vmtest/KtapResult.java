package dev.uoom.vmtest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code ok}/{@code not ok} line of a KTAP report.
 *
 * @param number the test number (assigned in sequence when the line has none)
 * @param ok whether the line said {@code ok}
 * @param description the text after the number, without the directive
 * @param directive {@code SKIP}, {@code TODO} or {@code NONE}
 * @param reason the directive's reason, or empty
 * @param diagnostics the {@code #} lines since the previous result, without the {@code #}
 * @param subtest the indented report that preceded this line, if any
 */
public record KtapResult(
        int number,
        boolean ok,
        String description,
        Directive directive,
        String reason,
        List<String> diagnostics,
        Optional<KtapReport> subtest) {

    /** A TAP directive. */
    public enum Directive {
        NONE,
        SKIP,
        TODO
    }

    public KtapResult {
        Objects.requireNonNull(description);
        Objects.requireNonNull(directive);
        Objects.requireNonNull(reason);
        diagnostics = List.copyOf(diagnostics);
        Objects.requireNonNull(subtest);
    }

    /** Whether this test was skipped. */
    public boolean skipped() {
        return directive == Directive.SKIP;
    }

    /** Whether this result counts as a failure: {@code not ok} without a SKIP or TODO directive. */
    public boolean failed() {
        return !ok && directive == Directive.NONE;
    }

    /** The result line, as a KTAP producer would print it. */
    public String line() {
        StringBuilder sb = new StringBuilder(ok ? "ok " : "not ok ").append(number);
        if (!description.isEmpty()) {
            sb.append(" - ").append(description);
        }
        if (directive != Directive.NONE) {
            sb.append(" # ").append(directive);
            if (!reason.isEmpty()) {
                sb.append(' ').append(reason);
            }
        }
        return sb.toString();
    }
}
