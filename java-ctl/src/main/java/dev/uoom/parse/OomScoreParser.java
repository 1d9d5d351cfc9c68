package dev.uoom.parse;

import dev.uoom.model.ProcessSnapshot;

/** Parses {@code /proc/PID/oom_score} and {@code /proc/PID/oom_score_adj}: one decimal number and a newline. */
public final class OomScoreParser {
    static final String SCORE_FILE = "oom_score";
    static final String ADJ_FILE = "oom_score_adj";

    /**
     * The largest {@code oom_score}: badness is at most rss + swap + page tables (all of memory)
     * plus {@code oom_score_adj} 1000 (all of memory again), so {@code (1000 + 2000) * 2 / 3}.
     */
    public static final long MAX_SCORE = 2000;

    private OomScoreParser() {
    }

    /**
     * @return the kernel's normalised badness, 0 to {@value #MAX_SCORE}
     * @throws ProcFormatException if the text is not such a number
     */
    public static long parseScore(String text) {
        long score = parse(SCORE_FILE, text);
        if (score < 0 || score > MAX_SCORE) {
            throw new ProcFormatException(SCORE_FILE, 0, "out of range 0.." + MAX_SCORE + ": " + score);
        }
        return score;
    }

    /**
     * @return the adjustment, -1000 to 1000
     * @throws ProcFormatException if the text is not such a number
     */
    public static int parseScoreAdj(String text) {
        long adj = parse(ADJ_FILE, text);
        if (adj < ProcessSnapshot.OOM_SCORE_ADJ_MIN || adj > ProcessSnapshot.OOM_SCORE_ADJ_MAX) {
            throw new ProcFormatException(ADJ_FILE, 0, "out of range -1000..1000: " + adj);
        }
        return (int) adj;
    }

    private static long parse(String file, String text) {
        String value = text.strip();
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ProcFormatException(file, 0, "not an integer: \"" + value + "\"");
        }
    }
}
