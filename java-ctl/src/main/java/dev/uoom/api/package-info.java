/**
 * The public uoom API for Java applications. Start with {@link dev.uoom.api.Uoom#open()}.
 * <p>
 * Failures are {@link dev.uoom.api.UoomException}s that carry the kernel's errno;
 * {@link dev.uoom.api.ModuleNotLoadedException} means the uoom module is not loaded.
 */
package dev.uoom.api;
