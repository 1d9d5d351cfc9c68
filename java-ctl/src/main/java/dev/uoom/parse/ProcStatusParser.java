package dev.uoom.parse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.uoom.model.ProcMemory;
import dev.uoom.model.ProcStatus;

/**
 * Parses {@code /proc/PID/status}: one {@code Key:\tvalue} per line.
 * <p>
 * {@code Uid} and {@code Gid} hold real, effective, saved and filesystem ids, unsigned 32-bit; {@code CapEff} is hexadecimal;
 * memory fields are {@code <number> kB}. The memory fields are present only for a process with an address
 * space: all of them, or none.
 */
public final class ProcStatusParser {
    static final String FILE = "status";

    private static final List<String> MEMORY_KEYS =
            List.of("VmSize", "RssAnon", "RssFile", "RssShmem", "VmSwap", "VmPTE");

    private ProcStatusParser() {
    }

    /**
     * @throws ProcFormatException if {@code Name}, {@code Uid}, {@code Gid} or {@code CapEff} is missing or
     *         malformed, or only some memory fields are present
     */
    public static ProcStatus parse(String text) {
        Map<String, String> fields = new HashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProcFormatException(FILE, i + 1, "expected \"Key:\\tvalue\", got \"" + line + "\"");
            }
            String key = line.substring(0, colon);
            fields.putIfAbsent(key, line.substring(colon + 1).strip());
            lineOf.putIfAbsent(key, i + 1);
        }
        long[] uids = ids(fields, lineOf, "Uid");
        long[] gids = ids(fields, lineOf, "Gid");
        String capEff = required(fields, "CapEff");
        long caps;
        try {
            caps = Long.parseUnsignedLong(capEff, 16);
        } catch (NumberFormatException e) {
            throw new ProcFormatException(FILE, lineOf.get("CapEff"), "CapEff is not hexadecimal: \"" + capEff
                    + "\"");
        }
        return new ProcStatus(required(fields, "Name"), uids[0], uids[1], gids[0], gids[1], caps,
                memory(fields, lineOf));
    }

    private static Optional<ProcMemory> memory(Map<String, String> fields, Map<String, Integer> lineOf) {
        long present = MEMORY_KEYS.stream().filter(fields::containsKey).count();
        if (present == 0) {
            return Optional.empty();
        }
        long[] kb = new long[MEMORY_KEYS.size()];
        for (int i = 0; i < kb.length; i++) {
            String key = MEMORY_KEYS.get(i);
            String value = fields.get(key);
            if (value == null) {
                throw new ProcFormatException(FILE, 0, "has VmSize but no " + key);
            }
            kb[i] = kilobytes(key, value, lineOf.get(key));
        }
        return Optional.of(new ProcMemory(kb[0], kb[1], kb[2], kb[3], kb[4], kb[5]));
    }

    private static long kilobytes(String key, String value, int line) {
        if (value.endsWith(" kB")) {
            try {
                return Long.parseLong(value.substring(0, value.length() - 3).strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new ProcFormatException(FILE, line, key + " is not \"<number> kB\": \"" + value + "\"");
    }

    private static long[] ids(Map<String, String> fields, Map<String, Integer> lineOf, String key) {
        String[] parts = required(fields, key).split("\\s+");
        if (parts.length != 4) {
            throw new ProcFormatException(FILE, lineOf.get(key), key + " needs 4 ids, got \"" + fields.get(key)
                    + "\"");
        }
        try {
            // uid_t is unsigned 32-bit: user namespaces map ids up to 4294967294.
            return new long[] {Integer.toUnsignedLong(Integer.parseUnsignedInt(parts[0])),
                Integer.toUnsignedLong(Integer.parseUnsignedInt(parts[1]))};
        } catch (NumberFormatException e) {
            throw new ProcFormatException(FILE, lineOf.get(key), key + " holds a non-id: \"" + fields.get(key)
                    + "\"");
        }
    }

    private static String required(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new ProcFormatException(FILE, 0, "missing required key \"" + key + "\"");
        }
        return value;
    }
}
