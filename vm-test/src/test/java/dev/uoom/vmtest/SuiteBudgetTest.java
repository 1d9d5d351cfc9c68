package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SuiteBudgetTest {

    private static final VmSpec SPEC =
            VmSpec.builder(Flavour.STOCK).scenario("true").timeout(Duration.ofMinutes(5)).build();

    @Test
    void timeoutIsCutToWhatIsLeft() {
        long[] now = {0};
        SuiteBudget budget = new SuiteBudget(Duration.ofMinutes(10), () -> now[0]);
        assertSame(SPEC, budget.fit(SPEC).orElseThrow());
        now[0] = Duration.ofMinutes(8).toNanos();
        assertEquals(Duration.ofMinutes(2), budget.fit(SPEC).orElseThrow().timeout());
        now[0] = Duration.ofMinutes(10).minusSeconds(29).toNanos();
        assertTrue(budget.fit(SPEC).isEmpty());
        now[0] = Duration.ofMinutes(11).toNanos();
        assertEquals(Duration.ZERO, budget.remaining());
        assertTrue(budget.fit(SPEC).isEmpty());
    }

    @Test
    void propertyIsMinutes() {
        assertEquals(SuiteBudget.DEFAULT, SuiteBudget.fromProperty(null));
        assertEquals(SuiteBudget.DEFAULT, SuiteBudget.fromProperty(" "));
        assertEquals(Duration.ofMinutes(25), SuiteBudget.fromProperty("25"));
        assertThrows(IllegalArgumentException.class, () -> SuiteBudget.fromProperty("0"));
        assertThrows(IllegalArgumentException.class, () -> SuiteBudget.fromProperty("30m"));
    }
}
