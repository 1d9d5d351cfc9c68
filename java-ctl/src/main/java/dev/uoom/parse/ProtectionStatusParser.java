package dev.uoom.parse;

import dev.uoom.model.ProtectedProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code /proc/oom_kill_protection/status}: the 2006 module's three header lines, then one row per
 * protected process, {@code printf("%-10d %-16s %-10s %s\n", pid, comm, saved, source)}, where saved is a
 * number or {@code -}. A comm may contain spaces, so the pid is the first field, saved and source the last
 * two, and the name what lies between.
 */
public final class ProtectionStatusParser {
    static final String FILE = "oom_kill_protection/status";

    private static final List<String> HEADER = List.of("OOM protected processes:",
            "PID NAME SAVED_ADJ SOURCE", "--- ---- --------- ------");
    private static final Pattern ROW = Pattern.compile("(\\d{1,9}) (.*?) +(-?\\d{1,4}|-) +(uoom|hold|inherited|other)");

    private ProtectionStatusParser() {
    }

    /**
     * @throws ProcFormatException if the header or a row does not have that shape
     */
    public static List<ProtectedProcess> parse(String text) {
        String[] lines = text.split("\n");
        for (int i = 0; i < HEADER.size(); i++) {
            if (lines.length <= i || !lines[i].strip().replaceAll(" +", " ").equals(HEADER.get(i))) {
                throw new ProcFormatException(FILE, i + 1, "expected \"" + HEADER.get(i) + "\"");
            }
        }
        List<ProtectedProcess> rows = new ArrayList<>();
        for (int i = HEADER.size(); i < lines.length; i++) {
            Matcher m = ROW.matcher(lines[i].strip());
            if (!m.matches()) {
                throw new ProcFormatException(FILE, i + 1, "not PID NAME SAVED_ADJ SOURCE: " + lines[i]);
            }
            OptionalInt saved = m.group(3).equals("-") ? OptionalInt.empty()
                    : OptionalInt.of(Integer.parseInt(m.group(3)));
            rows.add(new ProtectedProcess(Integer.parseInt(m.group(1)), m.group(2).strip(), saved,
                    ProtectedProcess.Source.valueOf(m.group(4).toUpperCase(Locale.ROOT))));
        }
        return List.copyOf(rows);
    }
}
