package dev.uoom.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntMathTest {

    @ParameterizedTest
    @CsvSource({"0,0", "1,1", "2,1", "3,1", "4,2", "8,2", "9,3", "976,31", "31,5", "4294967295,65535",
        "4294967296,65536", "9223372036854775807,3037000499"})
    void isFloorOfSquareRoot(long x, long root) {
        assertEquals(root, IntMath.intSqrt(x));
    }

    @Test
    void matchesExhaustivelyForSmallValues() {
        for (long x = 0; x < 100_000; x++) {
            long r = IntMath.intSqrt(x);
            assertEquals(true, r * r <= x && (r + 1) * (r + 1) > x, "int_sqrt(" + x + ") = " + r);
        }
    }

    @Test
    void rejectsNegative() {
        assertThrows(IllegalArgumentException.class, () -> IntMath.intSqrt(-1));
    }
}
