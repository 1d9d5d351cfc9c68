package dev.uoom.vmtest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one guest run does: which kernel it boots, with how much memory and how many CPUs, for how
 * long at most, whether uoom.ko is loaded before the scenario, the scenario itself (a POSIX sh
 * script that prints KTAP), and extra files to place next to it in the share. Immutable; build it
 * with {@link #builder(Flavour)}.
 */
public final class VmSpec {

    /** File names in the share that belong to the guest protocol. */
    static final Set<String> RESERVED_FILES = Set.of("scenario.sh", "ktap.txt", "exitcode");

    /** The longest a console may print nothing, unless a spec says otherwise. */
    public static final Duration DEFAULT_SILENCE = Duration.ofSeconds(120);

    private final Flavour flavour;
    private final int memoryMiB;
    private final int cpus;
    private final Duration timeout;
    private final Duration silence;
    private final boolean loadModule;
    private final boolean timed;
    private final String scenario;
    private final Map<String, byte[]> files;
    private final List<String> kernelArgs;

    private VmSpec(Builder b) {
        this.flavour = b.flavour;
        this.memoryMiB = b.memoryMiB != null ? b.memoryMiB : b.flavour.defaultMemoryMiB();
        this.cpus = b.cpus;
        this.timeout = b.timeout != null ? b.timeout : b.flavour.defaultTimeout();
        this.silence = b.silence;
        this.loadModule = b.loadModule;
        this.timed = b.timed;
        this.scenario = Objects.requireNonNull(b.scenario, "scenario");
        Map<String, byte[]> copy = new LinkedHashMap<>();
        b.files.forEach((k, v) -> copy.put(k, v.clone()));
        this.files = Collections.unmodifiableMap(copy);
        this.kernelArgs = List.copyOf(b.kernelArgs);
    }

    /** A builder for a run of {@code flavour}'s kernel with its defaults. */
    public static Builder builder(Flavour flavour) {
        return new Builder(flavour);
    }

    /** A builder that starts from this spec. */
    public Builder toBuilder() {
        Builder b = new Builder(flavour).memoryMiB(memoryMiB).cpus(cpus).timeout(timeout).silence(silence)
                .loadModule(loadModule).timed(timed).scenario(scenario);
        files.forEach(b::file);
        kernelArgs.forEach(b::kernelArg);
        return b;
    }

    public Flavour flavour() {
        return flavour;
    }

    public int memoryMiB() {
        return memoryMiB;
    }

    public int cpus() {
        return cpus;
    }

    public Duration timeout() {
        return timeout;
    }

    /** How long the console may print nothing before the harness ends the guest. */
    public Duration silence() {
        return silence;
    }

    /** Whether the guest's init inserts {@code out/uoom-<flavour>.ko} before the scenario. */
    public boolean loadModule() {
        return loadModule;
    }

    /** Whether the scenario measures time, so that no other guest may run beside it. */
    public boolean timed() {
        return timed;
    }

    public String scenario() {
        return scenario;
    }

    /** Extra files for the share, by path relative to it. The arrays are copies. */
    public Map<String, byte[]> files() {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        files.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /** Extra kernel parameters, after the flavour's. */
    public List<String> kernelArgs() {
        return kernelArgs;
    }

    @Override
    public String toString() {
        return "VmSpec[" + flavour.id() + ", " + memoryMiB + " MiB, " + cpus + " CPUs, timeout " + timeout.toSeconds()
                + " s, silence " + silence.toSeconds() + " s, module " + (loadModule ? "loaded" : "not loaded") + (timed ? ", timed" : "") + ", files " + files.keySet()
                + ", kernel args " + kernelArgs + "]";
    }

    /** Builds a {@link VmSpec}. */
    public static final class Builder {
        private final Flavour flavour;
        private Integer memoryMiB;
        private int cpus = 2;
        private Duration timeout;
        private Duration silence = DEFAULT_SILENCE;
        private boolean loadModule = true;
        private boolean timed;
        private String scenario;
        private final Map<String, byte[]> files = new LinkedHashMap<>();
        private final List<String> kernelArgs = new ArrayList<>();

        private Builder(Flavour flavour) {
            this.flavour = Objects.requireNonNull(flavour, "flavour");
        }

        /** Guest memory; defaults to the flavour's. */
        public Builder memoryMiB(int memoryMiB) {
            if (memoryMiB < 128) {
                throw new IllegalArgumentException("memory must be at least 128 MiB, not " + memoryMiB);
            }
            this.memoryMiB = memoryMiB;
            return this;
        }

        /** Number of guest CPUs; defaults to 2. */
        public Builder cpus(int cpus) {
            if (cpus < 1 || cpus > 4) {
                throw new IllegalArgumentException("cpus must be 1 to 4 (the kernels' NR_CPUS), not " + cpus);
            }
            this.cpus = cpus;
            return this;
        }

        /** How long the whole run, boot included, may take; defaults to the flavour's. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, not " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * How long the console may stay silent before the guest is ended as hung; defaults to
         * {@link #DEFAULT_SILENCE}. A scenario that is quiet for longer on purpose says so here.
         */
        public Builder silence(Duration silence) {
            if (silence.isNegative() || silence.isZero()) {
                throw new IllegalArgumentException("silence must be positive, not " + silence);
            }
            this.silence = silence;
            return this;
        }

        /** Whether init inserts uoom.ko before the scenario; defaults to true. */
        public Builder loadModule(boolean loadModule) {
            this.loadModule = loadModule;
            return this;
        }

        /**
         * Marks a scenario whose results are times (latencies, hysteresis): it boots only when no
         * other guest runs, and none starts beside it ({@link VmSlots}). Defaults to false.
         */
        public Builder timed(boolean timed) {
            this.timed = timed;
            return this;
        }

        /** The scenario: a POSIX sh script that prints KTAP on stdout. */
        public Builder scenario(String scenario) {
            this.scenario = Objects.requireNonNull(scenario, "scenario");
            return this;
        }

        /** Places a file in the share, where the guest sees it as {@code /mnt/<path>}. */
        public Builder file(String path, byte[] content) {
            Path p = Path.of(path).normalize();
            if (path.isEmpty() || p.isAbsolute() || p.startsWith("..") || RESERVED_FILES.contains(p.toString())) {
                throw new IllegalArgumentException("not a usable share file name: " + path);
            }
            files.put(p.toString(), content.clone());
            return this;
        }

        /** Places a UTF-8 text file in the share. */
        public Builder file(String path, String content) {
            return file(path, content.getBytes(StandardCharsets.UTF_8));
        }

        /** Adds a kernel parameter, such as {@code loglevel=8}. */
        public Builder kernelArg(String arg) {
            if (arg.isBlank() || arg.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a kernel parameter cannot be blank or hold spaces: '" + arg + "'");
            }
            kernelArgs.add(arg);
            return this;
        }

        public VmSpec build() {
            return new VmSpec(this);
        }
    }
}
