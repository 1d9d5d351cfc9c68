/**
 * The uoom daemon: keeps {@code /proc/oom} in the order a policy ranks the processes, re-ranking on memory
 * pressure (a PSI trigger) and on a timer. {@link dev.uoom.daemon.DaemonConfig} reads its YAML configuration;
 * {@link dev.uoom.daemon.Daemon} runs it, in the {@code uoom daemon} command or inside another application.
 */
package dev.uoom.daemon;
