package dev.uoom.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.uoom.model.PressureEvent;
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
}
