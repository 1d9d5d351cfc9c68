package dev.uoom.policy;

import java.util.Locale;

/** The policies selectable by name, on the command line and in the daemon's configuration. */
public enum PolicyKind {
    /** {@link ModernPolicy}. */
    MODERN,
    /** {@link ClassicPolicy}. */
    CLASSIC,
    /** {@link RulesPolicy} over a base policy. */
    RULES;

    /** The lower-case name, such as {@code modern}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException if {@code name} is not a policy name (case is ignored)
     */
    public static PolicyKind fromName(String name) {
        for (PolicyKind kind : values()) {
            if (kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown policy \"" + name + "\"; expected modern, classic or rules");
    }
}
