package dev.uoom.daemon;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.uoom.policy.Ranked;

/**
 * What one ranking decided.
 *
 * @param trigger why the daemon ranked: {@code start}, {@code psi}, {@code timer} or {@code once}
 * @param policy the policy's name
 * @param action what happened to {@code /proc/oom}
 * @param queued the processes chosen, first to be killed first
 * @param previous the pids {@code /proc/oom} held before; empty if it could not be read
 */
public record Decision(String trigger, String policy, Action action, List<Ranked> queued, List<Integer> previous) {
    /** How many queued processes the log line names. */
    static final int LOGGED = 5;

    /** What happened to the queue. */
    public enum Action {
        /** The queue was written. */
        WRITTEN,
        /** The queue already held exactly these processes. */
        UNCHANGED,
        /** A dry run: the queue would have been written. */
        DRY_RUN
    }

    /** Copies the lists. */
    public Decision {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(action, "action");
        queued = List.copyOf(queued);
        previous = List.copyOf(previous);
    }

    /** The pids chosen, in order. */
    public List<Integer> pids() {
        return queued.stream().map(r -> r.process().pid()).toList();
    }

    /** The decision as one log line: what was written, why, and the first entries with their scores. */
    public String logLine() {
        String what = switch (action) {
            case WRITTEN -> "wrote " + queued.size() + " pids";
            case UNCHANGED -> "kept " + queued.size() + " pids (unchanged)";
            case DRY_RUN -> "dry run, would write " + queued.size() + " pids";
        };
        String top = queued.stream().limit(LOGGED)
                .map(r -> r.process().pid() + " " + r.process().name() + " " + r.score().value())
                .collect(Collectors.joining(", "));
        if (queued.size() > LOGGED) {
            top += ", +" + (queued.size() - LOGGED) + " more";
        }
        return what + " (trigger " + trigger + ", policy " + policy + ", was " + previous.size() + " pids): "
                + (top.isEmpty() ? "nothing to queue" : top);
    }
}
