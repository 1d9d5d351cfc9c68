package dev.uoom.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.QueueEntry;
import dev.uoom.model.SystemSnapshot;

/**
 * A snapshot ordered by a policy: the order in which the OOM killer should take processes.
 *
 * @param policy the policy's name
 * @param queue the processes to queue, first to be killed first: by {@link Placement}, then points
 *        (highest first), then pid (lowest first)
 * @param excluded the processes never to queue, in pid order
 */
public record Ranking(String policy, List<Ranked> queue, List<Ranked> excluded) {
    private static final Comparator<Ranked> QUEUE_ORDER = Comparator
            .comparing((Ranked r) -> r.score().placement())
            .thenComparing(r -> r.score().points(), Comparator.reverseOrder())
            .thenComparingInt(r -> r.process().pid());

    public Ranking {
        Objects.requireNonNull(policy, "policy");
        queue = List.copyOf(queue);
        excluded = List.copyOf(excluded);
    }

    /** Ranks every process of {@code system} with {@code policy}. */
    public static Ranking of(Policy policy, SystemSnapshot system) {
        return of(policy, system, Set.of());
    }

    /**
     * Ranks every process of {@code system} with {@code policy}, excluding the pids in {@code neverQueue}
     * (such as the ranking process itself) whatever their score.
     */
    public static Ranking of(Policy policy, SystemSnapshot system, Set<Integer> neverQueue) {
        List<Ranked> queue = new ArrayList<>();
        List<Ranked> excluded = new ArrayList<>();
        for (ProcessSnapshot process : system.processes()) {
            Score score = policy.score(process, system);
            if (neverQueue.contains(process.pid()) && !score.excluded()) {
                score = score.with(Placement.EXCLUDED, new Term("never queued", "pid " + process.pid()
                        + " is uoom itself", "never queued", score.points()));
            }
            (score.excluded() ? excluded : queue).add(new Ranked(process, score));
        }
        queue.sort(QUEUE_ORDER);
        excluded.sort(Comparator.comparingInt(r -> r.process().pid()));
        return new Ranking(policy.name(), queue, excluded);
    }

    /** The first {@code limit} processes of the queue, as entries for {@code /proc/oom}. */
    public List<QueueEntry> top(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return queue.stream().limit(limit).map(r -> r.process().queueEntry()).toList();
    }
}
