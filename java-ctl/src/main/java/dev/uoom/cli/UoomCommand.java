package dev.uoom.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import dev.uoom.api.Uoom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code uoom} command: user-space control of the Linux OOM killer. */
@Command(name = "uoom",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Control the Linux OOM killer from user space through the uoom kernel module.",
        subcommands = {HelpCommand.class, StatusCommand.class, QueueCommand.class, RankCommand.class,
            DaemonCommand.class, ConfigCommand.class, MemcgCommand.class, WatchCommand.class, ProtectCommand.Protect.class,
            ProtectCommand.Unprotect.class, ProtectCommand.Listing.class},
        exitCodeListHeading = "%nExit codes:%n")
public final class UoomCommand implements Callable<Integer> {
    static final String VERBOSE_OPTION = "--verbose";

    private final Supplier<Uoom> uoom;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-v", VERBOSE_OPTION}, scope = ScopeType.INHERIT,
            description = "Print the stack trace when a command fails.")
    private boolean verbose;

    /** Uses the running kernel ({@link Uoom#open()}). */
    public UoomCommand() {
        this(Uoom::open);
    }

    /** Uses the handles {@code uoom} supplies, for example one reading fixture files. */
    public UoomCommand(Supplier<Uoom> uoom) {
        this.uoom = Objects.requireNonNull(uoom, "uoom");
    }

    /** A handle for subcommands. */
    Uoom uoom() {
        return uoom.get();
    }

    /** Whether {@code --verbose} was given. */
    boolean verbose() {
        return verbose;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /**
     * Builds the command line with uoom's error handling and exit codes. Set its writers with
     * {@link CommandLine#setOut} and {@link CommandLine#setErr} before executing it.
     */
    public static CommandLine newCommandLine(Supplier<Uoom> uoom) {
        CommandLine cmd = new CommandLine(new UoomCommand(uoom));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.getCommandSpec().usageMessage().exitCodeList(ExitCodes.descriptions());
        ErrorHandler errorHandler = new ErrorHandler();
        cmd.setExecutionExceptionHandler(errorHandler);
        cmd.setParameterExceptionHandler(errorHandler);
        return cmd;
    }

    /** Runs {@code uoom} on the running kernel and exits with one of {@link ExitCodes}. */
    public static void main(String... args) {
        System.exit(newCommandLine(Uoom::open).execute(args));
    }
}
