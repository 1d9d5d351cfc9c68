package dev.uoom.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state of the uoom module, as reported in {@code /proc/oom_status}.
 * <p>
 * All key/value pairs are kept, in the module's order, so keys added by newer modules are not lost. Known
 * keys have typed accessors.
 *
 * @param fields every key and value, in the order the module printed them; unmodifiable
 */
public record ModuleStatus(Map<String, String> fields) {
    /** Key of the module version. */
    public static final String VERSION = "version";
    /** Key of the {@link Mode}. */
    public static final String MODE = "mode";
    /** Keys every module prints. */
    public static final List<String> REQUIRED_KEYS = List.of(VERSION, MODE);
    /** Key of the number of live processes in {@code /proc/oom}. */
    public static final String QUEUE_LENGTH = "queue_length";
    /** Key of the module parameter {@code max_queue}: the most pids {@code /proc/oom} takes. */
    public static final String QUEUE_MAX = "queue_max";
    /** Key of the number of victims taken from the queue. */
    public static final String KILLS = "kills";
    /** Key of the number of OOMs where nothing queued was eligible and the kernel heuristic chose. */
    public static final String FALLBACKS = "fallbacks";
    /** Key of the number of OOM victims seen, queued or not. */
    public static final String OOM_VICTIMS = "oom_victims";
    /** Key of the last OOM victim: {@code PID COMM}, {@code none} or {@code unknown}. */
    public static final String LAST_VICTIM = "last_victim";
    /** Key of the queued pid whose {@code oom_score_adj} uoom raised (advisory mode), or {@code none}. */
    public static final String ADVISORY_HEAD = "advisory_head";
    /** Key of the {@code oom_score_adj} the advisory head had before uoom raised it, if the module reports it. */
    public static final String ADVISORY_SAVED_ADJ = "advisory_saved_adj";

    private static final String NONE = "none";
    private static final String UNKNOWN = "unknown";
    private static final Pattern VICTIM = Pattern.compile("(\\d+) (.+)");

    /**
     * @throws IllegalArgumentException if a key in {@link #REQUIRED_KEYS} is missing
     */
    public ModuleStatus {
        Map<String, String> copy = new LinkedHashMap<>();
        fields.forEach((key, value) -> copy.put(Objects.requireNonNull(key), Objects.requireNonNull(value)));
        for (String key : REQUIRED_KEYS) {
            if (!copy.containsKey(key)) {
                throw new IllegalArgumentException("missing required key \"" + key + "\"");
            }
        }
        fields = Collections.unmodifiableMap(copy);
    }

    /** The module version, such as {@code 0.1.0}. */
    public String version() {
        return fields.get(VERSION);
    }

    /** The mode; {@link Mode#UNKNOWN} if this version of uoom does not know it. */
    public Mode mode() {
        return Mode.fromKernelName(fields.get(MODE));
    }

    /** The raw value of {@code key}, if the module reported it. */
    public Optional<String> field(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /** {@value #QUEUE_LENGTH}: live processes in the queue; empty from modules before 0.2. */
    public OptionalLong queueLength() {
        return longField(QUEUE_LENGTH);
    }

    /** {@value #QUEUE_MAX}: the most pids one write to {@code /proc/oom} may hold. */
    public OptionalLong queueMax() {
        return longField(QUEUE_MAX);
    }

    /** {@value #KILLS}: OOM victims taken from the queue. */
    public OptionalLong kills() {
        return longField(KILLS);
    }

    /** {@value #FALLBACKS}: OOMs where no queued process was eligible and the kernel's heuristic chose. */
    public OptionalLong fallbacks() {
        return longField(FALLBACKS);
    }

    /** {@value #OOM_VICTIMS}: all OOM victims the module saw, queued or not. */
    public OptionalLong oomVictims() {
        return longField(OOM_VICTIMS);
    }

    /**
     * {@value #LAST_VICTIM}: the last OOM victim; empty if there was none, the module could not tell
     * ({@code unknown}), or it does not report victims.
     *
     * @throws IllegalStateException if the value is neither {@code PID COMM} nor {@code none}/{@code unknown}
     */
    public Optional<Victim> lastVictim() {
        String value = fields.get(LAST_VICTIM);
        if (value == null || value.equals(NONE) || value.equals(UNKNOWN)) {
            return Optional.empty();
        }
        Matcher m = VICTIM.matcher(value);
        if (!m.matches()) {
            throw new IllegalStateException("oom_status key \"" + LAST_VICTIM + "\" is not \"PID COMM\": \""
                    + value + "\"");
        }
        return Optional.of(new Victim(parsePid(LAST_VICTIM, m.group(1)), m.group(2)));
    }

    /**
     * {@value #ADVISORY_HEAD}: in advisory mode, the queued process whose {@code oom_score_adj} uoom raised to
     * 1000; empty if none is or the module is hooked.
     *
     * @throws IllegalStateException if the value is neither a pid nor {@code none}
     */
    public OptionalInt advisoryHead() {
        String value = fields.get(ADVISORY_HEAD);
        if (value == null || value.equals(NONE)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(parsePid(ADVISORY_HEAD, value));
    }

    /**
     * {@value #ADVISORY_SAVED_ADJ}: the advisory head's own {@code oom_score_adj}, which uoom restores when it
     * moves on; empty if there is no head or the module does not report it.
     *
     * @throws IllegalStateException if the value is not an integer
     */
    public OptionalInt advisorySavedAdj() {
        OptionalLong value = longField(ADVISORY_SAVED_ADJ);
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }

    private static int parsePid(String key, String value) {
        try {
            int pid = Integer.parseInt(value);
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("oom_status key \"" + key + "\" is not a pid: \"" + value + "\"");
    }

    /**
     * The value of {@code key} as a decimal integer, if the module reported it.
     *
     * @throws IllegalStateException if the value is not a decimal integer
     */
    public OptionalLong longField(String key) {
        String value = fields.get(key);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("oom_status key \"" + key + "\" is not an integer: \"" + value + "\"", e);
        }
    }
}
