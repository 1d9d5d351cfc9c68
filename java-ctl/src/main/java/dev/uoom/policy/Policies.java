package dev.uoom.policy;

import java.util.List;

/** Factories for the built-in policies. */
public final class Policies {
    private Policies() {
    }

    /** Today's {@code oom_badness()}. */
    public static Policy modern() {
        return new ModernPolicy();
    }

    /** The 2.6 kernel's {@code badness()}. */
    public static Policy classic() {
        return new ClassicPolicy();
    }

    /**
     * The policy {@code kind}. For {@link PolicyKind#RULES}, {@code rules} over {@code base}; otherwise
     * {@code base} and {@code rules} are not used.
     *
     * @throws IllegalArgumentException if {@code base} is {@link PolicyKind#RULES}
     */
    public static Policy of(PolicyKind kind, PolicyKind base, List<Rule> rules) {
        return switch (kind) {
            case MODERN -> modern();
            case CLASSIC -> classic();
            case RULES -> {
                if (base == PolicyKind.RULES) {
                    throw new IllegalArgumentException("the base of the rules policy must be modern or classic");
                }
                yield new RulesPolicy(of(base, base, List.of()), rules);
            }
        };
    }
}
