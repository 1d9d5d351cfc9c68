package dev.uoom.parse;

import java.util.OptionalLong;

/**
 * Parses a cgroup memory limit: v2 {@code memory.max} and {@code memory.high} ({@code max} or bytes), or v1
 * {@code memory.limit_in_bytes} (bytes; "unlimited" is a page-aligned {@code LONG_MAX}).
 */
public final class MemoryLimitParser {
    /** The word cgroup v2 uses for no limit. */
    public static final String UNLIMITED = "max";

    private MemoryLimitParser() {
    }

    /**
     * @param file the file's name, for messages
     * @return the limit in bytes, or empty for {@code max}
     * @throws ProcFormatException if the text is not one line holding {@code max} or a non-negative integer
     */
    public static OptionalLong parse(String file, String text) {
        String value = text.strip();
        if (value.contains("\n")) {
            throw new ProcFormatException(file, 2, "expected one line");
        }
        if (value.equals(UNLIMITED)) {
            return OptionalLong.empty();
        }
        try {
            long bytes = Long.parseLong(value);
            if (bytes < 0) {
                throw new ProcFormatException(file, 1, "negative limit: \"" + value + "\"");
            }
            return OptionalLong.of(bytes);
        } catch (NumberFormatException e) {
            throw new ProcFormatException(file, 1, "expected \"max\" or a number of bytes, got \"" + value + "\"");
        }
    }

    /** The text to write for {@code limit}: bytes, or {@code max} if empty. */
    public static String format(OptionalLong limit) {
        return limit.isPresent() ? Long.toString(limit.getAsLong()) : UNLIMITED;
    }
}
