package dev.uoom.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * For commands that run until stopped: on SIGINT or SIGTERM (a JVM shutdown hook) runs {@code stop}, then waits
 * for the command to {@link #close()}, so its last lines still appear and its cleanup runs: the JVM halts when
 * the hook returns.
 */
final class StopOnSignal implements AutoCloseable {
    /** How long a plain hook waits. */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final CountDownLatch done = new CountDownLatch(1);
    private final Runnable stop;
    private final Thread owner;
    private final Duration wait;
    private final PrintWriter err;
    private final Thread hook;

    /** Runs {@code stop} on a signal and waits up to {@link #STOP_WAIT}. */
    StopOnSignal(String name, Runnable stop) {
        this(name, stop, null, STOP_WAIT, null);
    }

    private StopOnSignal(String name, Runnable stop, Thread owner, Duration wait, PrintWriter err) {
        this.stop = stop;
        this.owner = owner;
        this.wait = wait;
        this.err = err;
        hook = new Thread(this::stopAndWait, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * As the plain hook, and also interrupts the calling thread, so that a sleep in it ends and its
     * {@code finally} blocks run; waits up to {@code wait} and says on {@code err} if it gave up.
     */
    static StopOnSignal interrupting(String name, Runnable stop, Duration wait, PrintWriter err) {
        return new StopOnSignal(name, stop, Thread.currentThread(), wait, err);
    }

    /** What the hook does; package-private for tests. */
    void stopAndWait() {
        stop.run();
        if (owner != null && done.getCount() > 0) {
            owner.interrupt();
        }
        try {
            if (!done.await(wait.toMillis(), TimeUnit.MILLISECONDS) && err != null) {
                err.println("uoom: " + hook.getName() + ": the command did not finish within "
                        + wait.toSeconds() + " s of the signal; exiting without its cleanup");
                err.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
