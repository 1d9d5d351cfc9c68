package dev.uoom.vmtest;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The time all guests of one test JVM may take together, so that a hang cannot spend CI's whole
 * limit. The clock starts with the first guest. Each boot's timeout is cut to what is left; once
 * less than {@link #MINIMUM} is left, no more guests start and each test that wanted one fails.
 * Set it in minutes with the system property {@value #PROPERTY}.
 */
public final class SuiteBudget {

    /** System property: the budget in minutes. */
    public static final String PROPERTY = "uoom.vm.budget";
    /** Used when the property is absent. */
    public static final Duration DEFAULT = Duration.ofMinutes(40);
    /** Less than this left is too little to boot a guest and run a scenario. */
    public static final Duration MINIMUM = Duration.ofSeconds(30);

    private static final SuiteBudget SUITE = new SuiteBudget(fromProperty(System.getProperty(PROPERTY)), System::nanoTime);

    private final Duration total;
    private final LongSupplier clock;
    private final long start;

    SuiteBudget(Duration total, LongSupplier clock) {
        this.total = total;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** The budget of this JVM's suite. */
    public static SuiteBudget suite() {
        return SUITE;
    }

    static Duration fromProperty(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            long minutes = Long.parseLong(value.strip());
            if (minutes > 0) {
                return Duration.ofMinutes(minutes);
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException(PROPERTY + " must be a positive number of minutes, not '" + value + "'");
    }

    public Duration total() {
        return total;
    }

    /** What is left; never negative. */
    public Duration remaining() {
        Duration left = total.minusNanos(clock.getAsLong() - start);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * {@code spec} with its timeout cut to what is left of the budget, or empty when less than
     * {@link #MINIMUM} is left.
     */
    public Optional<VmSpec> fit(VmSpec spec) {
        Duration left = remaining();
        if (left.compareTo(MINIMUM) < 0) {
            return Optional.empty();
        }
        return Optional.of(left.compareTo(spec.timeout()) < 0 ? spec.toBuilder().timeout(left).build() : spec);
    }
}
