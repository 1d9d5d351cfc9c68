package dev.uoom.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The bash completion that {@code make deb} generates with {@code picocli.AutoComplete} names every
 * command of the model, at every level (the Debian package ships it as
 * /usr/share/bash-completion/completions/uoom).
 */
class CompletionTest {

    private static void paths(CommandLine cmd, String prefix, List<String> out) {
        for (Map.Entry<String, CommandLine> e : cmd.getSubcommands().entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + " " + e.getKey();
            out.add(path);
            paths(e.getValue(), path, out);
        }
    }

    @Test
    void bashCompletionListsEverySubcommand() {
        CommandLine cmd = CliRunner.commandLine(() -> {
            throw new AssertionError("completion must not touch the kernel");
        }, new StringWriter(), new StringWriter());
        String script = AutoComplete.bash("uoom", cmd);
        List<String> all = new ArrayList<>();
        paths(cmd, "", all);
        assertTrue(all.contains("queue set") && all.contains("memcg handle") && all.contains("config check"),
                all.toString());
        for (String path : all) {
            assertTrue(script.contains("=(" + path + ")"), "no completion for 'uoom " + path + "'");
        }
    }
}
