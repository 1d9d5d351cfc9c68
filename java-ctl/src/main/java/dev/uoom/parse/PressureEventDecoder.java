package dev.uoom.parse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import dev.uoom.model.PressureEvent;
import dev.uoom.nativeio.OomNotifyAbi;

/**
 * Decodes the {@code struct uoom_notify_event} records that {@code read(2)} on {@code /dev/oom_notify} returns:
 * 48 bytes each, in the kernel's byte order, at the offsets of {@link OomNotifyAbi}.
 */
public final class PressureEventDecoder {
    static final String FILE = "oom_notify";

    private PressureEventDecoder() {
    }

    /**
     * Decodes {@code length} bytes of {@code buf}, whole records only.
     *
     * @param order the kernel's byte order: {@link ByteOrder#nativeOrder()} for a live device
     * @throws ProcFormatException if {@code length} is not a multiple of the record size or a level is unknown
     */
    public static List<PressureEvent> decode(byte[] buf, int length, ByteOrder order) {
        if (length % OomNotifyAbi.EVENT_SIZE != 0) {
            throw new ProcFormatException(FILE, 0, length + " bytes is not a whole number of "
                    + OomNotifyAbi.EVENT_SIZE + "-byte records");
        }
        ByteBuffer b = ByteBuffer.wrap(buf, 0, length).order(order);
        List<PressureEvent> events = new ArrayList<>(length / OomNotifyAbi.EVENT_SIZE);
        for (int at = 0; at < length; at += OomNotifyAbi.EVENT_SIZE) {
            PressureEvent.Level level;
            try {
                level = PressureEvent.Level.of(b.getInt(at + OomNotifyAbi.EVENT_LEVEL));
            } catch (IllegalArgumentException e) {
                throw new ProcFormatException(FILE, 0, "record " + (at / OomNotifyAbi.EVENT_SIZE + 1) + ": "
                        + e.getMessage());
            }
            events.add(new PressureEvent(level,
                    PressureEvent.Source.of(b.getInt(at + OomNotifyAbi.EVENT_SOURCE)),
                    b.getLong(at + OomNotifyAbi.EVENT_TIMESTAMP_NS),
                    b.getLong(at + OomNotifyAbi.EVENT_MEM_AVAILABLE_KB),
                    b.getLong(at + OomNotifyAbi.EVENT_FREE_KB),
                    b.getLong(at + OomNotifyAbi.EVENT_SWAPOUT_DELTA),
                    b.getInt(at + OomNotifyAbi.EVENT_VICTIM_PID),
                    Integer.toUnsignedLong(b.getInt(at + OomNotifyAbi.EVENT_COUNT))));
        }
        return events;
    }
}
