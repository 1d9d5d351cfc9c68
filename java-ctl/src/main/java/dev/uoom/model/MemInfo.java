package dev.uoom.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code /proc/meminfo}: every field as a number, in kB where the kernel says {@code kB}.
 *
 * @param fields every field in the kernel's order; unmodifiable
 */
public record MemInfo(Map<String, Long> fields) {
    public static final String MEM_TOTAL = "MemTotal";
    public static final String SWAP_TOTAL = "SwapTotal";
    public static final String MEM_AVAILABLE = "MemAvailable";
    /** Fields every supported kernel (3.14 and later) prints. */
    public static final List<String> REQUIRED_KEYS = List.of(MEM_TOTAL, SWAP_TOTAL, MEM_AVAILABLE);

    /**
     * @throws IllegalArgumentException if a key in {@link #REQUIRED_KEYS} is missing
     */
    public MemInfo {
        Map<String, Long> copy = new LinkedHashMap<>();
        fields.forEach((key, value) -> copy.put(Objects.requireNonNull(key), Objects.requireNonNull(value)));
        for (String key : REQUIRED_KEYS) {
            if (!copy.containsKey(key)) {
                throw new IllegalArgumentException("missing required key \"" + key + "\"");
            }
        }
        fields = Collections.unmodifiableMap(copy);
    }

    /** {@code MemTotal}: usable RAM ({@code totalram_pages()}) in kB. */
    public long memTotalKb() {
        return fields.get(MEM_TOTAL);
    }

    /** {@code SwapTotal}: swap space ({@code total_swap_pages}) in kB. */
    public long swapTotalKb() {
        return fields.get(SWAP_TOTAL);
    }

    /** {@code MemAvailable}: the kernel's estimate of memory available without swapping, in kB. */
    public long memAvailableKb() {
        return fields.get(MEM_AVAILABLE);
    }

    /** Any other field, if the kernel printed it. */
    public OptionalLong field(String key) {
        Long value = fields.get(key);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
