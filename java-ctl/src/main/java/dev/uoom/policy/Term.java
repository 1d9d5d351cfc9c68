package dev.uoom.policy;

import java.util.Objects;

/**
 * One step of a score's explanation.
 *
 * @param name what the step is, such as {@code rss} or {@code oom_score_adj}
 * @param value the input it looked at, such as {@code RssAnon 5404 kB + RssFile 8 kB + RssShmem 0 kB}
 * @param effect what it did to the points, such as {@code +1353} or {@code /4}
 * @param result the points after the step
 */
public record Term(String name, String value, String effect, long result) {

    public Term {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(effect, "effect");
    }
}
