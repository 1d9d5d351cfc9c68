/**
 * JNA bindings to the kernel: system calls and the small helpers built directly on them.
 * <p>
 * Every other package reaches the kernel only through this one. Failures keep their errno
 * ({@link dev.uoom.nativeio.ErrnoException}).
 */
package dev.uoom.nativeio;
