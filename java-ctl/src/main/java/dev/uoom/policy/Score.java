package dev.uoom.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A policy's verdict on one process.
 *
 * @param value the score to show: for {@link ModernPolicy} the normalised {@code oom_score} (0 to 2000), for
 *        {@link ClassicPolicy} the badness points; 0 if the kernel would never kill the process. A process
 *        excluded only by a rule or as uoom itself keeps its score.
 * @param points the raw points the queue is ordered by, highest first; finer than {@code value} for the
 *        modern policy
 * @param placement where the process goes before points are compared
 * @param terms how the score came about, in the order the policy computed it
 */
public record Score(long value, long points, Placement placement, List<Term> terms) {

    public Score {
        Objects.requireNonNull(placement, "placement");
        terms = List.copyOf(terms);
    }

    /** Whether the process is never queued. */
    public boolean excluded() {
        return placement == Placement.EXCLUDED;
    }

    /** This score with {@code placement} and one more term. */
    Score with(Placement newPlacement, Term term) {
        List<Term> all = new ArrayList<>(terms);
        all.add(term);
        return new Score(value, points, newPlacement, all);
    }
}
