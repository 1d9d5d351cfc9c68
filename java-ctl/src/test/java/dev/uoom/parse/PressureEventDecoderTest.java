package dev.uoom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.uoom.model.PressureEvent;
import dev.uoom.model.PressureEvent.Level;
import dev.uoom.model.PressureEvent.Source;

class PressureEventDecoderTest {

    /** The bytes of a hex fixture: pairs of hex digits, {@code #} comment lines. */
    static byte[] hex(String name) throws IOException {
        try (InputStream in = PressureEventDecoderTest.class.getResourceAsStream("/oom_notify/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            text.lines().filter(l -> !l.startsWith("#")).flatMap(l -> List.of(l.trim().split("\\s+")).stream())
                    .filter(s -> !s.isEmpty()).forEach(s -> out.write(Integer.parseInt(s, 16)));
            return out.toByteArray();
        }
    }

    @Test
    void decodesLittleEndianRecords() throws IOException {
        byte[] bytes = hex("low-then-oom.hex");

        List<PressureEvent> events = PressureEventDecoder.decode(bytes, bytes.length, ByteOrder.LITTLE_ENDIAN);

        assertEquals(List.of(
                new PressureEvent(Level.LOW, Source.KSWAPD_WAKE, 5123456789L, 204800, 10240, 0, 0, 3),
                new PressureEvent(Level.OOM, Source.MARK_VICTIM, 5987654321L, 1024, 512, 77, 4242, 1)), events);
    }

    @Test
    void decodesOnlyTheBytesRead() throws IOException {
        byte[] bytes = hex("low-then-oom.hex");

        assertEquals(1, PressureEventDecoder.decode(bytes, 48, ByteOrder.LITTLE_ENDIAN).size());
        assertEquals(List.of(), PressureEventDecoder.decode(bytes, 0, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void refusesAPartialRecord() throws IOException {
        byte[] bytes = hex("low-then-oom.hex");

        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> PressureEventDecoder.decode(bytes, 50, ByteOrder.LITTLE_ENDIAN));

        assertEquals("50 bytes is not a whole number of 48-byte records", e.problem());
    }

    @Test
    void refusesAnUnknownLevelButKeepsAnUnknownSource() throws IOException {
        byte[] bytes = hex("low-then-oom.hex");
        bytes[12] = 99; // source of record 1
        assertEquals(Source.UNKNOWN, PressureEventDecoder.decode(bytes, 48, ByteOrder.LITTLE_ENDIAN).get(0).source());

        bytes[8] = 9; // level of record 1
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> PressureEventDecoder.decode(bytes, 48, ByteOrder.LITTLE_ENDIAN));
        assertEquals("record 1: unknown uoom_level 9", e.problem());
    }

    @Test
    void countIsUnsigned() throws IOException {
        byte[] bytes = hex("low-then-oom.hex");
        bytes[44] = (byte) 0xff;
        bytes[45] = (byte) 0xff;
        bytes[46] = (byte) 0xff;
        bytes[47] = (byte) 0xff;

        assertEquals(0xffff_ffffL, PressureEventDecoder.decode(bytes, 48, ByteOrder.LITTLE_ENDIAN).get(0).count());
    }
}
