package dev.uoom.nativeio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datagrams over real AF_UNIX sockets, and the identity of an open file. */
class UnixDatagramSocketTest {
    @TempDir
    Path dir;

    @Test
    void sendsToAPathAndToAnAbstractName() throws Exception {
        for (String address : new String[] {dir.resolve("notify").toString(),
            "@uoom-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime()}) {
            try (UnixDatagramSocket server = UnixDatagramSocket.open();
                    UnixDatagramSocket client = UnixDatagramSocket.open()) {
                server.bind(address);
                client.send("READY=1".getBytes(StandardCharsets.UTF_8), address);
                assertEquals("READY=1", new String(server.receive(4096, 5000).orElseThrow(), StandardCharsets.UTF_8),
                        address);
                assertTrue(server.receive(4096, 0).isEmpty(), address);
            }
        }
    }

    @Test
    void sendingToNoSocketFails() throws Exception {
        try (UnixDatagramSocket client = UnixDatagramSocket.open()) {
            ErrnoException e = assertThrows(ErrnoException.class,
                    () -> client.send(new byte[] {1}, dir.resolve("absent").toString()));
            assertEquals(Errno.ENOENT.code(), e.errno());
        }
    }

    @Test
    void abstractAddressHasNoTerminatorAndALeadingNul() {
        byte[] addr = UnixDatagramSocket.sockaddr("@ab");
        assertEquals(2 + 3, addr.length);
        assertArrayEquals(new byte[] {0, 'a', 'b'}, java.util.Arrays.copyOfRange(addr, 2, 5));
        assertEquals(2 + 3, UnixDatagramSocket.sockaddr("/x").length);
        assertThrows(IllegalArgumentException.class, () -> UnixDatagramSocket.sockaddr("/" + "x".repeat(107)));
        assertThrows(IllegalArgumentException.class, () -> UnixDatagramSocket.sockaddr("@"));
    }

    @Test
    void fileIdentityIsWhatJavaStats() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        try (NativeFd fd = NativeFd.open(file.toString(), LibC.O_RDONLY)) {
            FileIdentity id = FileIdentity.of(fd.fd());
            assertEquals(((Number) Files.getAttribute(file, "unix:ino")).longValue(), id.inode());
            assertEquals(((Number) Files.getAttribute(file, "unix:dev")).longValue(), id.device());
        }
    }
}
