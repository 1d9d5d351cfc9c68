package dev.uoom.nativeio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code kmod/uapi/linux/uoom.h} says, read the way a C compiler for x86_64 would, for tests that check the
 * Java bindings against the header: ioctl numbers ({@code _IO}, {@code _IOR}, {@code _IOW}, {@code _IOWR} with
 * the asm-generic encoding), enum values, and struct sizes and field offsets with natural alignment. It handles
 * the subset of C the uapi header uses: {@code __u8..__u64}, {@code __s8..__s64} and {@code int} fields, fixed
 * arrays, character-constant magics and macros naming them.
 */
public final class UapiHeader {
    /** The header, relative to the repo root. */
    public static final String PATH = "kmod/uapi/linux/uoom.h";

    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern DEFINE = Pattern.compile("(?m)^#define\\s+(\\w+)\\s+(.+?)\\s*$");
    private static final Pattern IOCTL = Pattern.compile("_IO(R|W|WR)?\\(\\s*([^,]+?)\\s*,\\s*(\\d+)\\s*"
            + "(?:,\\s*(struct\\s+\\w+|\\w+)\\s*)?\\)");
    private static final Pattern ENUM = Pattern.compile("enum\\s+(\\w+)\\s*\\{(.*?)\\}\\s*;", Pattern.DOTALL);
    private static final Pattern ENUMERATOR = Pattern.compile("(\\w+)\\s*=\\s*(\\d+)");
    private static final Pattern STRUCT = Pattern.compile("struct\\s+(\\w+)\\s*\\{(.*?)\\}\\s*;", Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile("(\\w+)\\s+(\\w+)\\s*(?:\\[(\\d+)\\])?\\s*;");
    private static final Map<String, Integer> SCALARS = Map.of("__u8", 1, "__s8", 1, "__u16", 2, "__s16", 2,
            "__u32", 4, "__s32", 4, "int", 4, "__u64", 8, "__s64", 8);

    /** A struct's layout: size, alignment and each field's offset. */
    public record Layout(int size, int align, Map<String, Integer> offsets) {
    }

    private final String text;
    private final Map<String, String> defines = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> enums = new LinkedHashMap<>();
    private final Map<String, Layout> structs = new LinkedHashMap<>();

    private UapiHeader(String source) {
        text = COMMENT.matcher(source).replaceAll(" ");
        Matcher d = DEFINE.matcher(text);
        while (d.find()) {
            defines.put(d.group(1), d.group(2));
        }
        Matcher e = ENUM.matcher(text);
        while (e.find()) {
            Map<String, Long> values = new LinkedHashMap<>();
            Matcher v = ENUMERATOR.matcher(e.group(2));
            while (v.find()) {
                values.put(v.group(1), Long.parseLong(v.group(2)));
            }
            enums.put(e.group(1), values);
        }
        Matcher s = STRUCT.matcher(text);
        while (s.find()) {
            structs.put(s.group(1), layout(s.group(1), s.group(2)));
        }
    }

    /** Reads the header of the repo at {@code repoRoot}. */
    public static UapiHeader read(Path repoRoot) {
        try {
            return new UapiHeader(Files.readString(repoRoot.resolve(PATH)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses header text. */
    public static UapiHeader parse(String source) {
        return new UapiHeader(source);
    }

    /**
     * The repo root: the system property {@code uoom.root} that the parent POM sets, else the nearest directory
     * above the working directory that holds {@link #PATH}.
     */
    public static Path repoRoot() {
        String root = System.getProperty("uoom.root");
        if (root != null && !root.isBlank() && Files.exists(Path.of(root).resolve(PATH))) {
            return Path.of(root);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(PATH))) {
                return p;
            }
        }
        throw new IllegalStateException("no " + PATH + " above " + Path.of("").toAbsolutePath());
    }

    /** The value of {@code enum name}'s {@code enumerator}. */
    public long enumValue(String name, String enumerator) {
        Map<String, Long> values = enums.get(name);
        if (values == null || !values.containsKey(enumerator)) {
            throw new IllegalArgumentException("no enum " + name + " { " + enumerator + " } in the header");
        }
        return values.get(enumerator);
    }

    /** Every enumerator of {@code enum name}, in order. */
    public Map<String, Long> enumValues(String name) {
        Map<String, Long> values = enums.get(name);
        if (values == null) {
            throw new IllegalArgumentException("no enum " + name + " in the header");
        }
        return values;
    }

    /** The layout of {@code struct name}. */
    public Layout struct(String name) {
        Layout l = structs.get(name);
        if (l == null) {
            throw new IllegalArgumentException("no struct " + name + " in the header");
        }
        return l;
    }

    /** The value of {@code #define NAME N} or {@code #define NAME (1U << N)}. */
    public long define(String name) {
        String body = defines.get(name);
        if (body == null) {
            throw new IllegalArgumentException("no #define " + name + " in the header");
        }
        Matcher shift = Pattern.compile("\\(\\s*1U?\\s*<<\\s*(\\d+)\\s*\\)").matcher(body.strip());
        if (shift.matches()) {
            return 1L << Integer.parseInt(shift.group(1));
        }
        return Long.decode(body.strip().replaceAll("[UL]+$", ""));
    }

    /** The number a {@code #define NAME _IOx(...)} yields, computed here with the asm-generic encoding. */
    public long ioctl(String name) {
        String body = defines.get(name);
        if (body == null) {
            throw new IllegalArgumentException("no #define " + name + " in the header");
        }
        Matcher m = IOCTL.matcher(body);
        if (!m.matches()) {
            throw new IllegalArgumentException(name + " is not an _IO* macro: " + body);
        }
        int dir = m.group(1) == null ? 0 : switch (m.group(1)) {
            case "W" -> 1;
            case "R" -> 2;
            default -> 3;
        };
        long type = character(m.group(2));
        long nr = Long.parseLong(m.group(3));
        long size = m.group(4) == null ? 0 : sizeOf(m.group(4));
        return ((long) dir << 30 | size << 16 | type << 8 | nr) & 0xffff_ffffL;
    }

    private long character(String token) {
        String t = token.strip();
        for (int depth = 0; !t.startsWith("'") && depth < 8; depth++) {
            String next = defines.get(t);
            if (next == null) {
                throw new IllegalArgumentException("unknown ioctl type " + token);
            }
            t = next.strip();
        }
        if (!t.matches("'.'")) {
            throw new IllegalArgumentException("ioctl type is not a character constant: " + t);
        }
        return t.charAt(1);
    }

    private int sizeOf(String type) {
        String t = type.strip();
        if (t.startsWith("struct")) {
            return struct(t.substring("struct".length()).strip()).size();
        }
        Integer size = SCALARS.get(t);
        if (size == null) {
            throw new IllegalArgumentException("unknown type " + t);
        }
        return size;
    }

    private Layout layout(String name, String body) {
        Map<String, Integer> offsets = new LinkedHashMap<>();
        int offset = 0;
        int align = 1;
        Matcher f = FIELD.matcher(body);
        while (f.find()) {
            int size = sizeOf(f.group(1));
            int fieldAlign = f.group(1).startsWith("struct") ? struct(f.group(1)).align() : size;
            offset = (offset + fieldAlign - 1) / fieldAlign * fieldAlign;
            offsets.put(f.group(2), offset);
            offset += size * (f.group(3) == null ? 1 : Integer.parseInt(f.group(3)));
            align = Math.max(align, fieldAlign);
        }
        if (offsets.isEmpty()) {
            throw new IllegalArgumentException("struct " + name + " has no fields this parser understands");
        }
        return new Layout((offset + align - 1) / align * align, align, offsets);
    }
}
