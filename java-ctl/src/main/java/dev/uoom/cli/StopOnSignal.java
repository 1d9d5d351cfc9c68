package dev.uoom.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * For commands that run until stopped: on SIGINT or SIGTERM (a JVM shutdown hook) runs {@code stop}, then waits
 * up to 10 s for the command to {@link #close()}, so its last lines still appear.
 */
final class StopOnSignal implements AutoCloseable {
    private static final long STOP_WAIT_SECONDS = 10;

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    StopOnSignal(String name, Runnable stop) {
        hook = new Thread(() -> {
            stop.run();
            try {
                done.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The command has finished: lets the hook return and removes it. */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running.
        }
    }
}
