/**
 * The {@code uoom} command line, built with picocli on {@link dev.uoom.api}.
 * <p>
 * Exit codes are defined in {@link dev.uoom.cli.ExitCodes}; read commands offer {@code --json}.
 */
package dev.uoom.cli;
