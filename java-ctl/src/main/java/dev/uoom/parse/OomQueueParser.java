package dev.uoom.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.uoom.model.QueueEntry;

/**
 * Reads and writes the text of {@code /proc/oom}.
 * <p>
 * Read format: the queued pids in order, decimal, separated by single spaces, then {@code \n}; an empty
 * queue reads as {@code \n} alone. Write format ({@link #format}): {@code PID:START} tokens separated by
 * single spaces, then {@code \n}; the first is killed first, and an empty list clears the queue.
 * {@link #parse} also takes {@code PID:START} tokens, so a saved write reads back as the queue it makes.
 */
public final class OomQueueParser {
    static final String FILE = "oom";

    private static final Pattern TOKEN = Pattern.compile("(\\d{1,10})(?::\\d{1,20})?");

    private OomQueueParser() {
    }

    /**
     * @return the queued pids, first to be killed first
     * @throws ProcFormatException if a token is not a positive decimal pid or a pid repeats
     */
    public static List<Integer> parse(String text) {
        String body = text.strip();
        if (body.isEmpty()) {
            return List.of();
        }
        List<Integer> pids = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (String token : body.split("\\s+")) {
            Matcher m = TOKEN.matcher(token);
            int pid = 0;
            try {
                pid = m.matches() ? Integer.parseInt(m.group(1)) : 0;
            } catch (NumberFormatException e) {
                // reported below
            }
            if (pid <= 0) {
                throw new ProcFormatException(FILE, 0, "not a pid: \"" + token + "\"");
            }
            if (!seen.add(pid)) {
                throw new ProcFormatException(FILE, 0, "pid " + pid + " appears twice");
            }
            pids.add(pid);
        }
        return List.copyOf(pids);
    }

    /**
     * The text one {@code write(2)} to {@code /proc/oom} needs to make the queue exactly {@code entries}.
     * An empty list gives {@code "\n"}, which clears the queue.
     *
     * @throws IllegalArgumentException if a pid repeats
     */
    public static String format(List<QueueEntry> entries) {
        Set<Integer> seen = new HashSet<>();
        for (QueueEntry e : entries) {
            if (!seen.add(e.pid())) {
                throw new IllegalArgumentException("pid " + e.pid() + " appears twice");
            }
        }
        return entries.stream().map(QueueEntry::token).collect(Collectors.joining(" ")) + "\n";
    }
}
