package dev.uoom.policy;

/** Integer arithmetic as the kernel does it. */
final class IntMath {
    private IntMath() {
    }

    /** {@code int_sqrt()}: the floor of the square root of {@code x}, for {@code x >= 0}. */
    static long intSqrt(long x) {
        if (x < 0) {
            throw new IllegalArgumentException("negative: " + x);
        }
        long r = (long) Math.sqrt((double) x);
        // The double may be off by one near 2^63; divide instead of squaring so nothing overflows.
        while (r > 0 && r > x / r) {
            r--;
        }
        while (r + 1 <= x / (r + 1)) {
            r++;
        }
        return r;
    }
}
