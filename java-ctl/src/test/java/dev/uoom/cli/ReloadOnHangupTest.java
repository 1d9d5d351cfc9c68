package dev.uoom.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.uoom.nativeio.PidFd;
import dev.uoom.nativeio.Signals;

/** A real SIGHUP to this JVM runs the action instead of exiting. */
class ReloadOnHangupTest {
    @Test
    @SuppressWarnings("try") // the handler acts on the signal, not in the body
    void sighupRunsTheAction() throws Exception {
        CountDownLatch hangup = new CountDownLatch(1);
        try (ReloadOnHangup hup = new ReloadOnHangup(hangup::countDown);
                PidFd self = PidFd.open(Math.toIntExact(ProcessHandle.current().pid()))) {
            self.sendSignal(Signals.SIGHUP);
            assertTrue(hangup.await(5, TimeUnit.SECONDS));
        }
    }
}
