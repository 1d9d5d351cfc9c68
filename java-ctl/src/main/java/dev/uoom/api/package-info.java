/**
 * The public uoom API for Java applications. Start with {@link dev.uoom.api.Uoom#open()}.
 * <ul>
 * <li>{@link dev.uoom.api.Uoom#status()}: the module's version, mode and counters.</li>
 * <li>{@link dev.uoom.api.Uoom#queue()}: read and replace {@code /proc/oom}, the processes the OOM killer
 * takes first ({@link dev.uoom.api.OomQueue}).</li>
 * <li>{@link dev.uoom.api.Uoom#snapshot()} and {@link dev.uoom.api.Uoom#rank(dev.uoom.policy.Policy)}: read
 * the processes and order them with a policy of {@link dev.uoom.policy}.</li>
 * </ul>
 * <pre>{@code
 * Uoom uoom = Uoom.open();
 * Ranking ranking = uoom.rank(Policies.modern());
 * uoom.queue().write(ranking.top(16));
 * }</pre>
 * Failures are {@link dev.uoom.api.UoomException}s that carry the kernel's errno;
 * {@link dev.uoom.api.ModuleNotLoadedException} means the uoom module is not loaded.
 */
package dev.uoom.api;
