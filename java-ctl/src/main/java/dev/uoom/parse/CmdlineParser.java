package dev.uoom.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code /proc/PID/cmdline}: the arguments, each followed by a NUL byte. It is empty for kernel
 * threads and zombies. A process that rewrote its arguments may leave the last NUL out, or use spaces
 * instead; such text is returned as it stands.
 */
public final class CmdlineParser {
    private CmdlineParser() {
    }

    /** Splits at NUL bytes; bytes that are not UTF-8 become U+FFFD. */
    public static List<String> parse(byte[] content) {
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == 0) {
                args.add(new String(content, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < content.length) {
            args.add(new String(content, start, content.length - start, StandardCharsets.UTF_8));
        }
        return List.copyOf(args);
    }
}
