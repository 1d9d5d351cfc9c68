package dev.uoom.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.uoom.model.PressureEvent;
import dev.uoom.nativeio.EventFd;
import dev.uoom.nativeio.OomNotifyDevice;
import dev.uoom.nativeio.Errno;

class OomNotifierTest {

    @Test
    void aMissingDeviceMeansTheModuleIsNotLoaded(@TempDir Path dir) {
        Path device = dir.resolve("oom_notify");

        ModuleNotLoadedException e = assertThrows(ModuleNotLoadedException.class,
                () -> OomNotifier.open(device, PressureEvent.Level.LOW, Duration.ZERO));

        assertEquals(Errno.ENOENT.code(), e.errno());
        assertTrue(e.getMessage().contains(device.toString()), e.getMessage());
    }

    @Test
    void aFileThatIsNotTheDeviceRefusesTheIoctl() {
        // /dev/null exists everywhere and knows no uoom ioctl.
        UoomException e = assertThrows(UoomException.class,
                () -> OomNotifier.open(Path.of("/dev/null"), PressureEvent.Level.LOW, Duration.ZERO));

        assertEquals(Errno.ENOTTY.code(), e.errno(), e.getMessage());
    }

    @Test
    void noneIsNotAThreshold() {
        assertThrows(IllegalArgumentException.class,
                () -> OomNotifier.open(Path.of("/dev/null"), PressureEvent.Level.NONE, Duration.ZERO));
    }

    /** A notifier on a FIFO with no writer: poll(2) never finds it readable, as an idle device. */
    private static OomNotifier idle(Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        return new OomNotifier(OomNotifyDevice.open(fifo.toString()), EventFd.create());
    }

    @Test
    void closeFromAnotherThreadWakesThePollAndClosesAfterIt(@TempDir Path dir) throws Exception {
        OomNotifier notifier = idle(dir);
        CompletableFuture<List<PressureEvent>> polled = CompletableFuture.supplyAsync(() -> {
            try {
                return notifier.poll(Duration.ofSeconds(60));
            } catch (UoomException e) {
                throw new CompletionException(e);
            }
        });
        Thread.sleep(200);

        long start = System.nanoTime();
        notifier.close();

        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
        assertEquals(List.of(), polled.get(10, TimeUnit.SECONDS));
        notifier.close();
    }

    @Test
    void readsAfterCloseFindNothingInsteadOfAClosedDescriptor(@TempDir Path dir) throws Exception {
        OomNotifier notifier = idle(dir);

        notifier.close();

        assertEquals(List.of(), notifier.readReady());
        assertEquals(List.of(), notifier.poll(Duration.ofMillis(10)));
    }
}
