package dev.uoom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.uoom.Fixtures;

class CmdlineParserTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void splitsRealCmdlineAtNul() {
        assertEquals(List.of("/root/.pyenv/versions/3.11.7/bin/python3", "-c",
                "x=bytearray(300<<20); import time; time.sleep(3000)"),
                CmdlineParser.parse(Fixtures.snapshotBytes("15920/cmdline")));
    }

    @Test
    void keepsSpacesInsideArguments() {
        assertEquals(List.of("/tmp/capt/bin/a) b (c", "3002"),
                CmdlineParser.parse(Fixtures.snapshotBytes("15919/cmdline")));
    }

    @Test
    void kernelThreadHasNone() {
        assertEquals(List.of(), CmdlineParser.parse(Fixtures.snapshotBytes("2/cmdline")));
        assertEquals(List.of(), CmdlineParser.parse(new byte[0]));
    }

    @Test
    void keepsEmptyArguments() {
        assertEquals(List.of("echo", "", "x"), CmdlineParser.parse(bytes("echo\0\0x\0")));
    }

    @Test
    void acceptsRewrittenCmdlineWithoutFinalNul() {
        assertEquals(List.of("sshd: /usr/sbin/sshd -D [listener]"),
                CmdlineParser.parse(bytes("sshd: /usr/sbin/sshd -D [listener]")));
    }

    @Test
    void replacesInvalidUtf8() {
        assertEquals(List.of("a\uFFFDb"), CmdlineParser.parse(new byte[] {'a', (byte) 0xff, 'b', 0}));
    }
}
