package dev.uoom.vmtest;

import java.util.concurrent.Semaphore;

/**
 * How many guests of one test JVM run at once. Test classes run concurrently when JUnit is told
 * to ({@code junit.jupiter.execution.parallel}, see vm-test/pom.xml); each guest takes one slot,
 * and a {@link VmSpec#timed() timed} one takes them all, so that nothing runs beside a
 * measurement. Set the number with the system property {@value #PROPERTY} (default 1: one guest
 * at a time).
 */
public final class VmSlots {

    /** System property: the number of guests that may run at once. */
    public static final String PROPERTY = "uoom.vm.parallel";

    private static final VmSlots SUITE = new VmSlots(fromProperty(System.getProperty(PROPERTY)));

    private final int slots;
    private final Semaphore free;

    VmSlots(int slots) {
        this.slots = slots;
        this.free = new Semaphore(slots, true);
    }

    /** The slots of this JVM's suite. */
    public static VmSlots suite() {
        return SUITE;
    }

    static int fromProperty(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= 4) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException(PROPERTY + " must be 1 to 4 guests at once, not '" + value + "'");
    }

    public int slots() {
        return slots;
    }

    /** What {@link #hold} returns: closing it frees what it took. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits for a slot for {@code spec}: all of them if it is timed. */
    public Held hold(VmSpec spec) throws InterruptedException {
        int n = spec.timed() ? slots : 1;
        free.acquire(n);
        return () -> free.release(n);
    }
}
