/*
 * CacheDemo - a Java application that gives memory back when /dev/oom_notify reports pressure.
 *
 *   java -cp out/uoom.jar:out/tools CacheDemo MIB     (make compiles it to out/tools/)
 *
 * Fills a cache of MIB MiB outside the Java heap (malloc through JNA, so free() returns it to the
 * kernel at once), prints "cache MIB MiB ready", then listens with dev.uoom.api.OomNotifier from
 * level LOW. At the first event it frees the whole cache and prints "freed MIB MiB at LEVEL (source),
 * MemAvailable N kB"; it goes on printing events until killed. If the uoom module is not loaded it
 * prints the error and exits with status 3, as the uoom command does.
 */

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import com.sun.jna.Memory;

import dev.uoom.api.ModuleNotLoadedException;
import dev.uoom.api.OomNotifier;
import dev.uoom.model.PressureEvent;

public final class CacheDemo {
    private static final long MIB = 1 << 20;

    private CacheDemo() {
    }

    public static void main(String[] args) throws Exception {
        int mib = Integer.parseInt(args[0]);
        List<Memory> cache = new ArrayList<>();
        for (int i = 0; i < mib; i++) {
            Memory chunk = new Memory(MIB);
            chunk.setMemory(0, MIB, (byte) 0x5a);
            cache.add(chunk);
        }
        CountDownLatch never = new CountDownLatch(1);
        try (OomNotifier notifier = OomNotifier.open(PressureEvent.Level.LOW)) {
            System.out.println("cache " + mib + " MiB ready, threshold " + notifier.threshold());
            notifier.onEvent(e -> {
                synchronized (cache) {
                    if (!cache.isEmpty()) {
                        int freed = cache.size();
                        cache.forEach(Memory::close);
                        cache.clear();
                        System.out.println("freed " + freed + " MiB at " + e.level() + " (" + e.source()
                                + "), MemAvailable " + e.memAvailableKb() + " kB");
                    } else {
                        System.out.println("event " + e.level() + " (" + e.source() + "), MemAvailable "
                                + e.memAvailableKb() + " kB, " + e.count() + " events");
                    }
                }
            });
            never.await();
        } catch (ModuleNotLoadedException e) {
            System.out.println("uoom: " + e.getMessage());
            System.exit(3);
        }
    }
}
