package dev.uoom.nativeio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** {@link EventFd} and {@link Poll} on the host kernel. */
class EventFdPollTest {

    @Test
    void pollTimesOutWithNoEvents() throws ErrnoException {
        try (EventFd fd = EventFd.create()) {
            long start = System.nanoTime();

            short[] revents = Poll.poll(new int[] {fd.fd()}, new short[] {LibC.POLLIN}, 50);

            assertArrayEquals(new short[] {0}, revents);
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(40));
        }
    }

    @Test
    void signalWakesAPollFromAnotherThread() throws Exception {
        try (EventFd fd = EventFd.create()) {
            CompletableFuture<short[]> poll = CompletableFuture.supplyAsync(() -> {
                try {
                    return Poll.poll(new int[] {fd.fd()}, new short[] {LibC.POLLIN}, 10_000);
                } catch (ErrnoException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(50);

            fd.signal();

            assertEquals(LibC.POLLIN, poll.get(5, TimeUnit.SECONDS)[0] & LibC.POLLIN);
            assertTrue(fd.consume());
            assertFalse(fd.consume());
        }
    }

    @Test
    void signalAfterCloseDoesNothing() throws ErrnoException {
        EventFd fd = EventFd.create();
        fd.close();
        fd.close();

        fd.signal();
    }

    @Test
    void pollRejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Poll.poll(new int[] {0}, new short[] {1}, -1));
        assertThrows(IllegalArgumentException.class, () -> Poll.poll(new int[] {0, 1}, new short[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> Poll.poll(new int[0], new short[0], 0));
    }

    @Test
    void pollReportsClosedDescriptorAsPollnval() throws ErrnoException {
        EventFd fd = EventFd.create();
        int number = fd.fd();
        fd.close();

        short[] revents = Poll.poll(new int[] {number}, new short[] {LibC.POLLIN}, 0);

        assertEquals(LibC.POLLNVAL, revents[0] & LibC.POLLNVAL);
    }
}
