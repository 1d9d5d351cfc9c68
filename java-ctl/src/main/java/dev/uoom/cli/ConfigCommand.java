package dev.uoom.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.uoom.api.UoomException;
import dev.uoom.daemon.DaemonConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code uoom config}: daemon configuration files. */
@Command(name = "config",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Work with daemon configuration files (uoom daemon --config FILE).",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** {@code uoom config check FILE}. */
    @Command(name = "check",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {"Parse and validate a daemon configuration file as uoom daemon reads it at start and "
                    + "on SIGHUP (systemctl reload uoom-daemon), without the kernel module and without changing "
                    + "anything. Prints \"FILE: ok\"; otherwise prints the error, with the line where known, and "
                    + "exits with code " + ExitCodes.CONFIG + "."})
    static final class Check implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The configuration (YAML), such as /etc/uoom/daemon.yaml.")
        private Path file;

        @Override
        public Integer call() throws UoomException {
            DaemonConfig.load(file).createPolicy();
            spec.commandLine().getOut().println(file + ": ok");
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
