package dev.uoom.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

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
