package dev.uoom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.uoom.api.Uoom;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Parses command lines without executing them, and checks help and version output. */
class UoomCommandTest {

    private static CommandLine commandLine() {
        return CliRunner.commandLine(() -> {
            throw new AssertionError("parsing must not touch the kernel");
        }, new StringWriter(), new StringWriter());
    }

    private static Uoom unusedUoom() {
        throw new AssertionError("help must not touch the kernel");
    }

    @Test
    void parsesStatusWithJson() {
        ParseResult result = commandLine().parseArgs("status", "--json");

        ParseResult status = result.subcommand();
        assertEquals("status", status.commandSpec().name());
        assertInstanceOf(StatusCommand.class, status.commandSpec().userObject());
        assertTrue(status.hasMatchedOption("--json"));
    }

    @Test
    void parsesStatusWithoutJson() {
        ParseResult status = commandLine().parseArgs("status").subcommand();

        assertFalse(status.hasMatchedOption("--json"));
    }

    @Test
    void acceptsVerboseBeforeOrAfterSubcommand() {
        assertTrue(commandLine().parseArgs("-v", "status").hasMatchedOption("--verbose"));
        assertTrue(commandLine().parseArgs("status", "--verbose").subcommand().hasMatchedOption("-v"));
    }

    @Test
    void parsesQueueSubcommands() {
        ParseResult set = commandLine().parseArgs("queue", "set", "3", "1", "2").subcommand().subcommand();

        assertInstanceOf(QueueCommand.Set.class, set.commandSpec().userObject());
        assertEquals(List.of(3, 1, 2), set.matchedPositional(0).getValue());
        assertTrue(commandLine().parseArgs("queue", "show", "--json").subcommand().subcommand()
                .hasMatchedOption("--json"));
        assertInstanceOf(QueueCommand.Clear.class, commandLine().parseArgs("queue", "clear").subcommand().subcommand()
                .commandSpec().userObject());
    }

    @Test
    void parsesRankOptions() {
        ParseResult rank = commandLine().parseArgs("rank", "--policy", "Classic", "--limit", "5", "--explain",
                "--json", "--all", "--config", "/etc/uoom/daemon.yaml").subcommand();

        assertEquals(dev.uoom.policy.PolicyKind.CLASSIC, rank.matchedOptionValue("--policy", null));
        assertEquals(5, (int) rank.matchedOptionValue("--limit", 0));
        assertTrue(rank.hasMatchedOption("--explain"));
        assertTrue(rank.hasMatchedOption("--all"));
    }

    @Test
    void parsesDaemonOptions() {
        ParseResult daemon = commandLine().parseArgs("daemon", "--config", "x.yaml", "--once", "--dry-run")
                .subcommand();

        assertInstanceOf(DaemonCommand.class, daemon.commandSpec().userObject());
        assertTrue(daemon.hasMatchedOption("--once"));
        assertTrue(daemon.hasMatchedOption("--dry-run"));
    }

    @Test
    void verboseAfterSubcommandReachesTheRootCommand() {
        for (String[] args : List.of(new String[] {"daemon", "-v"}, new String[] {"-v", "daemon"})) {
            CommandLine cmd = commandLine();
            cmd.parseArgs(args);

            assertTrue(((UoomCommand) cmd.getCommand()).verbose(), String.join(" ", args));
        }
    }

    @Test
    void helpListsEverySubcommand() {
        String usage = commandLine().getUsageMessage(Ansi.OFF);

        for (String name : List.of("status", "queue", "rank", "daemon")) {
            assertTrue(usage.lines().anyMatch(line -> line.trim().startsWith(name + " ")),
                    name + " missing in\n" + usage);
        }
    }

    @Test
    void parsesHelpSubcommand() {
        ParseResult result = commandLine().parseArgs("help", "status");

        assertEquals("help", result.subcommand().commandSpec().name());
        assertEquals("status", result.subcommand().matchedPositionalValue(0, ""));
    }

    @Test
    void rejectsUnknownOption() {
        assertThrows(UnmatchedArgumentException.class, () -> commandLine().parseArgs("status", "--bogus"));
    }

    @Test
    void rejectsUnknownSubcommand() {
        assertThrows(UnmatchedArgumentException.class, () -> commandLine().parseArgs("stauts"));
    }

    @Test
    void helpListsEveryExitCode() {
        String usage = commandLine().getUsageMessage(Ansi.OFF);

        assertTrue(usage.contains("Exit codes:"), usage);
        for (Map.Entry<String, String> code : ExitCodes.descriptions().entrySet()) {
            assertTrue(usage.lines().anyMatch(line -> line.trim().matches(code.getKey() + " +"
                    + Pattern.quote(code.getValue()))), code + " missing in\n" + usage);
        }
    }

    @Test
    void helpExitsZero() {
        CliRunner.Result result = CliRunner.run(UoomCommandTest::unusedUoom, "--help");

        assertEquals(ExitCodes.OK, result.exitCode());
        assertTrue(result.out().startsWith("Usage: uoom "), result.out());
        assertTrue(result.out().contains("status"));
        assertEquals("", result.err());
    }

    @Test
    void helpSubcommandShowsStatusOptions() {
        CliRunner.Result result = CliRunner.run(UoomCommandTest::unusedUoom, "help", "status");

        assertEquals(ExitCodes.OK, result.exitCode());
        assertTrue(result.out().startsWith("Usage: uoom status "), result.out());
        assertTrue(result.out().contains("--json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V", "status -V"})
    void versionComesFromBuild(String args) {
        CliRunner.Result result = CliRunner.run(UoomCommandTest::unusedUoom, args.split(" "));

        assertEquals(ExitCodes.OK, result.exitCode());
        assertTrue(result.out().matches("uoom \\d+\\.\\d+\\.\\d+\\S*\\R"), result.out());
    }

    @Test
    void missingSubcommandIsUsageError() {
        CliRunner.Result result = CliRunner.run(UoomCommandTest::unusedUoom);

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertEquals(List.of("uoom: Missing required subcommand", "Try 'uoom --help' for more information."),
                result.errLines());
    }

    @Test
    void unknownOptionIsUsageError() {
        CliRunner.Result result = CliRunner.run(UoomCommandTest::unusedUoom, "status", "--bogus");

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertEquals("uoom: Unknown option: '--bogus'", result.errLines().get(0));
        assertEquals("Try 'uoom status --help' for more information.",
                result.errLines().get(result.errLines().size() - 1));
        assertEquals("", result.out());
    }
}
