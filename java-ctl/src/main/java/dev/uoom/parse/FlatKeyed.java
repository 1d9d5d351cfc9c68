package dev.uoom.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cgroup "flat keyed" format ({@code Documentation/admin-guide/cgroup-v2.rst}, Conventions): one
 * {@code key value} per line, with a non-negative integer value. Shared by the cgroup file parsers.
 */
final class FlatKeyed {
    private static final Pattern LINE = Pattern.compile("([a-z_]+) (\\d+)");

    private FlatKeyed() {
    }

    /**
     * @param file the file's name, for messages
     * @param required keys that must be present
     * @return every key in the file's order; keys not in {@code required} are kept
     * @throws ProcFormatException if a line is not {@code key value}, a key repeats or a required key is missing
     */
    static Map<String, Long> parse(String file, String text, List<String> required) {
        Map<String, Long> fields = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            if (!m.matches()) {
                throw new ProcFormatException(file, i + 1, "expected \"key value\", got \"" + lines.get(i) + "\"");
            }
            long value;
            try {
                value = Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                throw new ProcFormatException(file, i + 1, "number out of range: \"" + m.group(2) + "\"");
            }
            if (fields.putIfAbsent(m.group(1), value) != null) {
                throw new ProcFormatException(file, i + 1, "duplicate key \"" + m.group(1) + "\"");
            }
        }
        for (String key : required) {
            if (!fields.containsKey(key)) {
                throw new ProcFormatException(file, 0, "missing required key \"" + key + "\"");
            }
        }
        return fields;
    }

    /** A 0/1 flag. */
    static boolean flag(String file, Map<String, Long> fields, String key) {
        long v = fields.getOrDefault(key, 0L);
        if (v > 1) {
            throw new ProcFormatException(file, 0, key + " must be 0 or 1, got " + v);
        }
        return v == 1;
    }
}
