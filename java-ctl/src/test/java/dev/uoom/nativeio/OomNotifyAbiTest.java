package dev.uoom.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.uoom.model.PressureEvent;

/** The Java copy of the /dev/oom_notify ABI equals what kmod/uapi/linux/uoom.h yields; fails if the header moves. */
class OomNotifyAbiTest {
    private static final UapiHeader HEADER = UapiHeader.read(UapiHeader.repoRoot());

    @Test
    void ioctlNumbers() {
        assertEquals(HEADER.ioctl("UOOM_IOC_NOTIFY_SET_CONFIG"), OomNotifyAbi.IOC_NOTIFY_SET_CONFIG);
        assertEquals(HEADER.ioctl("UOOM_IOC_NOTIFY_GET_CONFIG"), OomNotifyAbi.IOC_NOTIFY_GET_CONFIG);
        // The values a C compiler gives, as a check on the header parser itself.
        assertEquals(0x40104e01L, OomNotifyAbi.IOC_NOTIFY_SET_CONFIG);
        assertEquals(0x80104e02L, OomNotifyAbi.IOC_NOTIFY_GET_CONFIG);
    }

    @Test
    void eventLayout() {
        UapiHeader.Layout event = HEADER.struct("uoom_notify_event");

        assertEquals(event.size(), OomNotifyAbi.EVENT_SIZE);
        assertEquals(Map.of("timestamp_ns", OomNotifyAbi.EVENT_TIMESTAMP_NS, "level", OomNotifyAbi.EVENT_LEVEL,
                "source", OomNotifyAbi.EVENT_SOURCE, "mem_available_kb", OomNotifyAbi.EVENT_MEM_AVAILABLE_KB,
                "free_kb", OomNotifyAbi.EVENT_FREE_KB, "swapout_delta", OomNotifyAbi.EVENT_SWAPOUT_DELTA,
                "victim_pid", OomNotifyAbi.EVENT_VICTIM_PID, "count", OomNotifyAbi.EVENT_COUNT), event.offsets());
    }

    @Test
    void configLayout() {
        UapiHeader.Layout config = HEADER.struct("uoom_notify_config");

        assertEquals(config.size(), OomNotifyAbi.CONFIG_SIZE);
        assertEquals(Map.of("threshold", OomNotifyAbi.CONFIG_THRESHOLD, "hysteresis_ms",
                OomNotifyAbi.CONFIG_HYSTERESIS_MS, "reserved", OomNotifyAbi.CONFIG_RESERVED), config.offsets());
    }

    @Test
    void levelsMatchEnumUoomLevel() {
        Map<String, Long> header = HEADER.enumValues("uoom_level");

        assertEquals(header.size(), PressureEvent.Level.values().length);
        for (PressureEvent.Level l : PressureEvent.Level.values()) {
            assertEquals(header.get("UOOM_LEVEL_" + l.name()), (long) l.code(), l.name());
        }
    }

    @Test
    void sourcesMatchEnumUoomSource() {
        Map<String, Long> header = HEADER.enumValues("uoom_source");
        PressureEvent.Source[] known = Arrays.stream(PressureEvent.Source.values())
                .filter(s -> s != PressureEvent.Source.UNKNOWN).toArray(PressureEvent.Source[]::new);

        assertEquals(header.size(), known.length);
        for (PressureEvent.Source s : known) {
            assertEquals(header.get("UOOM_SOURCE_" + s.name().toUpperCase(Locale.ROOT)), (long) s.code(), s.name());
        }
    }

    @Test
    void parserComputesLayoutAndNumbersLikeACompiler() {
        UapiHeader h = UapiHeader.parse("""
                #define M 'x'
                struct s { __u32 a; __u64 b; __u8 c; __s32 d[3]; };
                #define GET _IOR(M, 7, struct s)
                #define RW _IOWR('o', 2, int)
                #define NONE _IO('q', 9)
                enum e { A = 0, B = 5 };
                """);

        assertEquals(32, h.struct("s").size());
        assertEquals(Map.of("a", 0, "b", 8, "c", 16, "d", 20), h.struct("s").offsets());
        assertEquals(Ioctl.ior('x', 7, 32), h.ioctl("GET"));
        assertEquals(0xc0046f02L, h.ioctl("RW"));
        assertEquals(Ioctl.io('q', 9), h.ioctl("NONE"));
        assertEquals(5, h.enumValue("e", "B"));
    }
}
