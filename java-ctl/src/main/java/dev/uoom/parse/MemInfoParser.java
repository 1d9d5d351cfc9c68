package dev.uoom.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.uoom.model.MemInfo;

/**
 * Parses {@code /proc/meminfo}: one {@code Key:   <number> kB} per line; a few keys, such as
 * {@code HugePages_Total}, have no unit.
 */
public final class MemInfoParser {
    static final String FILE = "meminfo";

    private static final Pattern LINE = Pattern.compile("([A-Za-z0-9_()]+):\\s+(\\d+)( kB)?");

    private MemInfoParser() {
    }

    /**
     * @throws ProcFormatException if a line does not match or {@code MemTotal}, {@code SwapTotal} or
     *         {@code MemAvailable} is missing
     */
    public static MemInfo parse(String text) {
        Map<String, Long> fields = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            if (!m.matches()) {
                throw new ProcFormatException(FILE, i + 1, "expected \"Key: <number> kB\", got \"" + lines.get(i)
                        + "\"");
            }
            try {
                fields.putIfAbsent(m.group(1), Long.parseLong(m.group(2)));
            } catch (NumberFormatException e) {
                throw new ProcFormatException(FILE, i + 1, "number out of range: \"" + m.group(2) + "\"");
            }
        }
        for (String key : MemInfo.REQUIRED_KEYS) {
            if (!fields.containsKey(key)) {
                throw new ProcFormatException(FILE, 0, "missing required key \"" + key + "\"");
            }
        }
        return new MemInfo(fields);
    }
}
