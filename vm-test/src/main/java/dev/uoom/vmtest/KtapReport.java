package dev.uoom.vmtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed KTAP v1 / TAP 14 report: version, plan, results, and the problems found while parsing
 * (no version line, no plan, fewer results than planned, results out of sequence, bail-outs).
 *
 * @param version the version line, such as {@code TAP version 14}, or empty if none was found
 * @param plan the planned number of tests, or empty if there was no plan line
 * @param results the results in the order they appeared
 * @param problems what makes the report invalid even if every result is {@code ok}
 */
public record KtapReport(
        Optional<String> version, OptionalInt plan, List<KtapResult> results, List<String> problems) {

    public KtapReport {
        Objects.requireNonNull(version);
        Objects.requireNonNull(plan);
        results = List.copyOf(results);
        problems = List.copyOf(problems);
    }

    /** Whether the report is complete and nothing failed, subtests included. */
    public boolean passed() {
        return failures().isEmpty();
    }

    /** The results that were skipped. */
    public List<KtapResult> skipped() {
        return results.stream().filter(KtapResult::skipped).toList();
    }

    /** The results with a SKIP or TODO directive, subtests included: what did not count as passing. */
    public List<KtapResult> notPassing() {
        List<KtapResult> out = new ArrayList<>();
        for (KtapResult r : results) {
            r.subtest().ifPresent(sub -> out.addAll(sub.notPassing()));
            if (r.directive() != KtapResult.Directive.NONE) {
                out.add(r);
            }
        }
        return out;
    }

    /** The first result with this description. */
    public Optional<KtapResult> result(String description) {
        return results.stream().filter(r -> r.description().equals(description)).findFirst();
    }

    /**
     * Everything that makes this report fail, one entry per problem or failed result. A failed
     * result's entry holds its diagnostics, then its line.
     */
    public List<String> failures() {
        List<String> out = new ArrayList<>();
        collectFailures("", out);
        return out;
    }

    private void collectFailures(String indent, List<String> out) {
        for (String p : problems) {
            out.add(indent + p);
        }
        for (KtapResult r : results) {
            r.subtest().ifPresent(s -> s.collectFailures(indent + "    ", out));
            if (r.failed()) {
                StringBuilder sb = new StringBuilder();
                for (String d : r.diagnostics()) {
                    sb.append(indent).append("# ").append(d).append('\n');
                }
                out.add(sb.append(indent).append(r.line()).toString());
            }
        }
    }
}
