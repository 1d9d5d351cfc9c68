package dev.uoom.vmtest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several scenarios run one after another in a single guest ({@code vm-test/guest/suite.sh}),
 * each as a KTAP subtest named after it, optionally followed by one strict kmemleak scan. It saves
 * a boot per scenario, which on the debug kernel is most of a scenario's cost.
 *
 * <pre>{@code
 * GuestSuite suite = GuestSuite.builder().part("smoke/load-unload").kmemleakAtEnd().build();
 * VmResult r = vm.run(VmSpec.builder(Flavour.DEBUG).scenario(suite.script()).build());
 * KtapReport smoke = GuestSuite.subtest(r, "smoke/load-unload");
 * }</pre>
 */
public final class GuestSuite {

    /** The result line of the closing kmemleak scan. */
    public static final String KMEMLEAK = "kmemleak found no leaks";

    private final Map<String, List<String>> parts;
    private final boolean kmemleakAtEnd;

    private GuestSuite(Map<String, List<String>> parts, boolean kmemleakAtEnd) {
        this.parts = parts;
        this.kmemleakAtEnd = kmemleakAtEnd;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The scenario names, in the order they run. */
    public List<String> parts() {
        return List.copyOf(parts.keySet());
    }

    /** The guest script. */
    public String script() {
        StringBuilder s = new StringBuilder("# suite of ").append(parts.size()).append(" scenarios\n")
                .append(". \"$UOOM_REPO/vm-test/guest/suite.sh\"\n")
                .append("ktap_plan ").append(parts.size() + (kmemleakAtEnd ? 1 : 0)).append('\n');
        parts.forEach((name, env) -> {
            s.append("suite_run ").append(name);
            env.forEach(kv -> s.append(' ').append(Vm.shellQuote(kv)));
            s.append('\n');
        });
        if (kmemleakAtEnd) {
            s.append("ktap_kmemleak_clean\n");
        }
        return s.append("ktap_finish\n").toString();
    }

    /** The directory the guest saw as {@code /mnt} while scenario {@code name} ran. */
    public static Path share(VmResult result, String name) {
        return result.shareDir().resolve("parts").resolve(name.replace('/', '-'));
    }

    /** The KTAP report scenario {@code name} printed, or an empty failing one if it printed none. */
    public static KtapReport subtest(VmResult result, String name) {
        return result.ktap().result(name).flatMap(KtapResult::subtest)
                .orElseGet(() -> KtapParser.parse(""));
    }

    /** Builds a {@link GuestSuite}. */
    public static final class Builder {
        private final Map<String, List<String>> parts = new LinkedHashMap<>();
        private boolean kmemleakAtEnd;

        /** Adds scenario {@code name} with parameters {@code env} ({@code KEY=VALUE}). */
        public Builder part(String name, String... env) {
            Scenario.check(name, env);
            if (parts.putIfAbsent(name, new ArrayList<>(List.of(env))) != null) {
                throw new IllegalArgumentException("scenario " + name + " is already in the suite");
            }
            return this;
        }

        /** Ends the suite with {@code ktap_kmemleak_clean}, which fails unless kmemleak is on and clean. */
        public Builder kmemleakAtEnd() {
            this.kmemleakAtEnd = true;
            return this;
        }

        public GuestSuite build() {
            if (parts.isEmpty()) {
                throw new IllegalStateException("a suite needs at least one scenario");
            }
            Map<String, List<String>> copy = new LinkedHashMap<>();
            parts.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new GuestSuite(copy, kmemleakAtEnd);
        }
    }
}
