package dev.uoom.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import dev.uoom.api.Uoom;
import dev.uoom.paths.ProcPaths;
import picocli.CommandLine;

/** Runs {@code uoom} in process with captured output. */
final class CliRunner {

    /** The outcome of one run. */
    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private CliRunner() {
    }

    static CommandLine commandLine(Supplier<Uoom> uoom, StringWriter out, StringWriter err) {
        CommandLine cmd = UoomCommand.newCommandLine(uoom);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd;
    }

    static Result run(Supplier<Uoom> uoom, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = commandLine(uoom, out, err).execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** Runs with {@code procRoot} standing for {@code /proc}. */
    static Result run(Path procRoot, String... args) {
        return run(() -> Uoom.open(new ProcPaths(procRoot)), args);
    }
}
