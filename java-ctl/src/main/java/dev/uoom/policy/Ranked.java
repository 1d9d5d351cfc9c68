package dev.uoom.policy;

import java.util.Objects;

import dev.uoom.model.ProcessSnapshot;

/**
 * A process and its score.
 *
 * @param process the process as read
 * @param score the policy's verdict
 */
public record Ranked(ProcessSnapshot process, Score score) {

    public Ranked {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(score, "score");
    }
}
