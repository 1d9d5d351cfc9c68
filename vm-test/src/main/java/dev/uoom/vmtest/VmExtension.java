package dev.uoom.vmtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives each test a {@link Vm} whose log directory is
 * {@code vm-test/target/vm-logs/<Class>.<method>[-<display name>]/}, emptied first. When the test
 * fails, the directory is copied to {@code vm-test/target/vm-logs/failed/} and its path printed.
 *
 * <pre>{@code
 * @ExtendWith(VmExtension.class)
 * class SomeVmTest {
 *     @Test
 *     void boots(Vm vm) throws Exception {
 *         VmAssertions.assertPassed(vm.run(VmSpec.builder(Flavour.STOCK).scenario(script).build()));
 *     }
 * }
 * }</pre>
 */
public final class VmExtension implements ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(VmExtension.class);

    /** {@code <repo>/vm-test/target/vm-logs}. */
    public static Path logsRoot(Path repo) {
        return repo.resolve("vm-test").resolve("target").resolve("vm-logs");
    }

    /**
     * A file-system-safe name for the current test: {@code Class.method}, plus the display name
     * when it is not just the method's (parameterised tests).
     */
    static String testName(ExtensionContext context) {
        // A dynamic test has no method of its own: it shares its factory's guest and name.
        ExtensionContext c = context;
        while (c.getTestMethod().isEmpty() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        Method method = c.getRequiredTestMethod();
        String name = c.getRequiredTestClass().getSimpleName() + "." + method.getName();
        String display = c.getDisplayName();
        if (!display.replaceFirst("\\(.*\\)$", "").equals(method.getName())) {
            name += "-" + display;
        }
        return name.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("_+$", "");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Vm.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Vm.class, k -> newVm(context), Vm.class);
    }

    private static Vm newVm(ExtensionContext context) {
        Path repo = RepoRoot.find();
        String name = testName(context);
        Path dir = logsRoot(repo).resolve(name);
        try {
            FileTrees.delete(dir);
            FileTrees.delete(logsRoot(repo).resolve("failed").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Vm(repo, dir);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Vm vm = context.getStore(NAMESPACE).get(Vm.class, Vm.class);
        if (vm == null || !vm.logDir().toFile().isDirectory()) {
            return;
        }
        Path kept = logsRoot(vm.repo()).resolve("failed").resolve(testName(context));
        try {
            FileTrees.copy(vm.logDir(), kept);
            System.err.println("[vm-test] " + testName(context) + " failed; console log kept in " + kept);
        } catch (IOException e) {
            System.err.println("[vm-test] cannot keep the logs of " + testName(context) + " in " + kept + ": " + e);
        }
    }
}
