package dev.uoom.vmtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A guest scenario: a POSIX sh file under {@code vm-test/guest/scenarios/} that prints KTAP. The
 * script the guest runs sets the scenario's parameters as environment variables and sources the
 * file, so a scenario can also be run by hand in a guest with the same variables.
 */
public final class Scenario {

    /** Where scenario files live, relative to the repo root. */
    public static final String DIR = "vm-test/guest/scenarios";

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+(/[a-z0-9-]+)*");
    private static final Pattern KEY = Pattern.compile("[A-Z_][A-Z0-9_]*");

    private Scenario() {}

    /**
     * The guest script for scenario {@code name} ({@code DIR/<name>.sh}) with parameters
     * {@code env}, given as {@code KEY=VALUE} strings.
     *
     * @throws IllegalArgumentException if the file does not exist or a parameter is malformed
     */
    public static String of(String name, String... env) {
        check(name, env);
        StringBuilder script = new StringBuilder("# scenario ").append(name).append('\n');
        for (String kv : env) {
            int eq = kv.indexOf('=');
            script.append("export ").append(kv, 0, eq + 1).append(Vm.shellQuote(kv.substring(eq + 1))).append('\n');
        }
        return script.append(". \"$UOOM_REPO/").append(DIR).append('/').append(name).append(".sh\"\n").toString();
    }

    /**
     * Checks that scenario {@code name} exists and that {@code env} holds {@code KEY=VALUE}
     * strings.
     *
     * @throws IllegalArgumentException if not
     */
    static void check(String name, String... env) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a scenario name: " + name);
        }
        Path file = RepoRoot.find().resolve(DIR).resolve(name + ".sh");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no scenario " + file);
        }
        for (String kv : env) {
            int eq = kv.indexOf('=');
            if (eq < 0 || !KEY.matcher(kv.substring(0, eq)).matches()) {
                throw new IllegalArgumentException("a scenario parameter is KEY=VALUE, not " + kv);
            }
        }
    }
}
