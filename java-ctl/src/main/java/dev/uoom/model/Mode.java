package dev.uoom.model;

/** How the uoom module influences the OOM killer, as reported in {@code /proc/oom_status}. */
public enum Mode {
    /** The kernel has the uoom patch: the OOM killer takes its victim from the uoom queue. */
    HOOKED("hooked", "the kernel consults the uoom candidate queue"),
    /** A stock kernel: uoom works best effort, through {@code oom_score_adj}. */
    ADVISORY("advisory", "no OOM select hook in use; uoom can only adjust oom_score_adj"),
    /** A mode this version of uoom does not know. */
    UNKNOWN("unknown", "not known to this version of uoom");

    private final String kernelName;
    private final String description;

    Mode(String kernelName, String description) {
        this.kernelName = kernelName;
        this.description = description;
    }

    /** The name the module prints, such as {@code hooked}. */
    public String kernelName() {
        return kernelName;
    }

    /** A one-line explanation for users. */
    public String description() {
        return description;
    }

    /** Maps the module's name for a mode; names not listed here give {@link #UNKNOWN}. */
    public static Mode fromKernelName(String name) {
        for (Mode mode : values()) {
            if (mode != UNKNOWN && mode.kernelName.equals(name)) {
                return mode;
            }
        }
        return UNKNOWN;
    }
}
