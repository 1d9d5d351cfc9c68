package dev.uoom.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Runs an action on SIGHUP instead of the JVM's default (exit through the shutdown hooks); {@link #close()}
 * puts the previous handler back. Uses {@code sun.misc.Signal} (module jdk.unsupported) by reflection, since
 * javac warns of it as internal API and the build fails on warnings.
 */
final class ReloadOnHangup implements AutoCloseable {
    private final Method handle;
    private final Object signal;
    private final Object previous;

    /** Installs the handler: {@code action} runs on the JVM's signal thread, so it must only ask for work. */
    ReloadOnHangup(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            handle = signalClass.getMethod("handle", signalClass, handlerClass);
            signal = signalClass.getConstructor(String.class).newInstance("HUP");
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            action.run();
                            yield null;
                        }
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "ReloadOnHangup";
                    });
            previous = handle.invoke(null, signal, handler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot handle SIGHUP: " + cause(e), e);
        }
    }

    @Override
    public void close() {
        try {
            handle.invoke(null, signal, previous);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot restore the SIGHUP handler: " + cause(e), e);
        }
    }

    private static Throwable cause(ReflectiveOperationException e) {
        return e instanceof InvocationTargetException i ? i.getCause() : e;
    }
}
