/**
 * A JUnit 5 harness that boots the uoom guest kernels under QEMU.
 *
 * <p>A test describes a run with a {@link dev.uoom.vmtest.VmSpec}, gets a {@link dev.uoom.vmtest.Vm}
 * from {@link dev.uoom.vmtest.VmExtension}, and checks the {@link dev.uoom.vmtest.VmResult} with
 * {@link dev.uoom.vmtest.VmAssertions}. The guest side of the protocol is {@code vm-test/guest/init};
 * {@code vm-test/README.md} describes both sides.
 */
package dev.uoom.vmtest;
