package dev.uoom.nativeio;

import java.util.Locale;
import java.util.Map;

/** Signal numbers and names, those of x86_64 and the generic Linux ABI; {@link PidFd#sendSignal} sends them. */
public final class Signals {
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGUSR2 = 12;
    public static final int SIGTERM = 15;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;

    private static final Map<String, Integer> BY_NAME = Map.of("SIGHUP", SIGHUP, "SIGINT", SIGINT,
            "SIGKILL", SIGKILL, "SIGUSR1", SIGUSR1, "SIGUSR2", SIGUSR2, "SIGTERM", SIGTERM, "SIGCONT", SIGCONT,
            "SIGSTOP", SIGSTOP);

    private Signals() {
    }

    /**
     * The number of a signal named {@code SIGUSR1}, {@code USR1} or {@code 10} (any case).
     *
     * @throws IllegalArgumentException for a name not listed in this class or a number outside 1..64
     */
    public static int number(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        if (!upper.isEmpty() && upper.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(upper);
            if (n >= 1 && n <= 64) {
                return n;
            }
            throw new IllegalArgumentException("signal number must be 1 to 64, got " + n);
        }
        Integer n = BY_NAME.get(upper.startsWith("SIG") ? upper : "SIG" + upper);
        if (n == null) {
            throw new IllegalArgumentException("unknown signal \"" + name + "\"; known: "
                    + String.join(", ", BY_NAME.keySet().stream().sorted().toList()));
        }
        return n;
    }

    /** The name of a signal listed in this class, such as {@code SIGKILL}; otherwise {@code signal N}. */
    public static String name(int signal) {
        return BY_NAME.entrySet().stream().filter(e -> e.getValue() == signal).map(Map.Entry::getKey).findFirst()
                .orElse("signal " + signal);
    }
}
