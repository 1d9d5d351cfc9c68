package dev.uoom.cli;

import java.io.PrintWriter;

import dev.uoom.api.UoomException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Turns failures into one line on stderr and an exit code from {@link ExitCodes}. */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private static final String PREFIX = "uoom: ";

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        // A UoomException's message is written for users; anything else is a bug, so name its type.
        err.println(PREFIX + (ex instanceof UoomException ? ex.getMessage() : ex.toString()));
        if (isVerbose(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.of(ex);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(PREFIX + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(UoomCommand.VERBOSE_OPTION)) {
                return true;
            }
        }
        return false;
    }
}
