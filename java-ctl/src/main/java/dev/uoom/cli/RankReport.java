package dev.uoom.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.uoom.policy.Ranked;
import dev.uoom.policy.Ranking;
import dev.uoom.policy.Term;

/**
 * What {@code uoom rank} prints; the JSON form has exactly these properties.
 *
 * @param policy the policy's name
 * @param queued how many processes the policy would queue
 * @param excluded how many it would never queue
 * @param processes the processes shown: the queue in order (up to {@code --limit}), then with {@code --all}
 *        the excluded ones
 */
@JsonPropertyOrder({"policy", "queued", "excluded", "processes"})
record RankReport(String policy, int queued, int excluded, List<Entry> processes) {

    /**
     * @param rank the position in the queue from 1, or {@code null} if excluded
     * @param pid the process id
     * @param name the command name
     * @param cmdline the command line, arguments joined with spaces
     * @param placement {@code preferred}, {@code normal}, {@code avoided} or {@code excluded}
     * @param score the policy's score
     * @param points the raw points the queue is ordered by
     * @param oomScore the kernel's {@code /proc/PID/oom_score}, read with the process
     * @param terms the explanation, with {@code --explain}
     */
    @JsonPropertyOrder({"rank", "pid", "name", "cmdline", "placement", "score", "points", "oomScore", "terms"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(Integer rank, int pid, String name, String cmdline, String placement, long score, long points,
            long oomScore, List<Term> terms) {
    }

    static RankReport of(Ranking ranking, int limit, boolean explain, boolean all) {
        List<Entry> entries = new ArrayList<>();
        int rank = 1;
        for (Ranked r : ranking.queue().subList(0, Math.min(limit, ranking.queue().size()))) {
            entries.add(entry(rank++, r, explain));
        }
        if (all) {
            for (Ranked r : ranking.excluded()) {
                entries.add(entry(null, r, explain));
            }
        }
        return new RankReport(ranking.policy(), ranking.queue().size(), ranking.excluded().size(), entries);
    }

    private static Entry entry(Integer rank, Ranked r, boolean explain) {
        return new Entry(rank, r.process().pid(), r.process().name(), r.process().commandLine(),
                r.score().placement().name().toLowerCase(Locale.ROOT), r.score().value(), r.score().points(),
                r.process().oomScore(), explain ? r.score().terms() : null);
    }
}
