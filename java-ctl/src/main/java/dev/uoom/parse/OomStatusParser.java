package dev.uoom.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.uoom.model.ModuleStatus;

/**
 * Parses {@code /proc/oom_status}.
 * <p>
 * Format: one {@code key: value} per line. Keys match {@code [a-z_]+}; the value is the rest of the line,
 * trimmed. Keys this parser does not know are kept, so newer modules can add lines.
 */
public final class OomStatusParser {
    static final String FILE = "oom_status";

    private static final Pattern LINE = Pattern.compile("([a-z_]+):(.*)");

    private OomStatusParser() {
    }

    /**
     * @throws ProcFormatException if a line is not {@code key: value}, a key repeats or a required key is
     *         missing; the message names the line
     */
    public static ModuleStatus parse(String text) {
        List<String> lines = text.lines().toList();
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            Matcher m = LINE.matcher(lines.get(i));
            if (!m.matches()) {
                throw new ProcFormatException(FILE, lineNumber,
                        "expected \"key: value\" with key [a-z_]+, got \"" + lines.get(i) + "\"");
            }
            String key = m.group(1);
            if (fields.putIfAbsent(key, m.group(2).strip()) != null) {
                throw new ProcFormatException(FILE, lineNumber, "duplicate key \"" + key + "\"");
            }
        }
        for (String key : ModuleStatus.REQUIRED_KEYS) {
            if (!fields.containsKey(key)) {
                throw new ProcFormatException(FILE, 0, "missing required key \"" + key + "\"");
            }
        }
        return new ModuleStatus(fields);
    }
}
