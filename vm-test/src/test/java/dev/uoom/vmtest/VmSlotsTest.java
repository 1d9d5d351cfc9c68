package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VmSlotsTest {

    private static final VmSpec PLAIN = VmSpec.builder(Flavour.STOCK).scenario("true").build();
    private static final VmSpec TIMED = PLAIN.toBuilder().timed(true).build();

    @Test
    void propertyDefaultsToOneAndRefusesNonsense() {
        assertEquals(1, VmSlots.fromProperty(null));
        assertEquals(1, VmSlots.fromProperty(" "));
        assertEquals(2, VmSlots.fromProperty("2"));
        assertThrows(IllegalArgumentException.class, () -> VmSlots.fromProperty("0"));
        assertThrows(IllegalArgumentException.class, () -> VmSlots.fromProperty("5"));
        assertThrows(IllegalArgumentException.class, () -> VmSlots.fromProperty("two"));
    }

    @Test
    void twoPlainGuestsRunTogether() throws Exception {
        VmSlots slots = new VmSlots(2);
        VmSlots.Held first = slots.hold(PLAIN);
        assertTrue(startsWithin(slots, PLAIN, 2000), "a second plain guest waited for the first");
        first.close();
    }

    @Test
    void aTimedGuestWaitsForTheOthersAndRunsAlone() throws Exception {
        VmSlots slots = new VmSlots(2);
        VmSlots.Held plain = slots.hold(PLAIN);
        assertFalse(startsWithin(slots, TIMED, 200), "a timed guest started beside a running one");
        plain.close();
        VmSlots.Held timed = slots.hold(TIMED);
        assertFalse(startsWithin(slots, PLAIN, 200), "a plain guest started beside a timed one");
        timed.close();
        assertTrue(startsWithin(slots, PLAIN, 2000));
    }

    @Test
    void specsSayWhetherTheyAreTimed() {
        assertFalse(PLAIN.timed());
        assertTrue(TIMED.timed());
        assertTrue(TIMED.toString().contains("timed"), TIMED.toString());
    }

    /** Whether another thread gets a slot for {@code spec} within {@code ms}; it frees it at once. */
    private static boolean startsWithin(VmSlots slots, VmSpec spec, long ms) throws InterruptedException {
        CountDownLatch got = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                slots.hold(spec).close();
                got.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        boolean started = got.await(ms, TimeUnit.MILLISECONDS);
        if (!started) {
            t.interrupt();
        }
        t.join();
        return started;
    }
}
