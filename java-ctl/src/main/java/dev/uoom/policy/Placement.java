package dev.uoom.policy;

/** Where a process goes in the queue, before its points are compared. Declared in queue order. */
public enum Placement {
    /** Matched a {@code prefer} rule: queued before every {@link #NORMAL} process. */
    PREFERRED,
    /** Ordered by points alone. */
    NORMAL,
    /** Matched an {@code avoid} rule: queued after every {@link #NORMAL} process. */
    AVOIDED,
    /** Never queued: the kernel would not kill it, or a rule excludes it. */
    EXCLUDED
}
