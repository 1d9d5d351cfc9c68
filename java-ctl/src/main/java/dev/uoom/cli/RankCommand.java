package dev.uoom.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.uoom.api.UoomException;
import dev.uoom.daemon.ConfigException;
import dev.uoom.daemon.DaemonConfig;
import dev.uoom.policy.PolicyKind;
import dev.uoom.policy.Ranking;
import dev.uoom.policy.Term;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code uoom rank}: the processes in the order a policy would queue them, and why. */
@Command(name = "rank",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"List processes in the order a policy would queue them for the OOM killer, first to be "
                + "killed first. Changes nothing.",
            "modern is today's kernel heuristic (its score is /proc/PID/oom_score); classic is the 2.6 kernel's "
                + "badness(); rules applies the prefer/avoid/exclude rules of --config over either."})
final class RankCommand implements Callable<Integer> {
    private static final int COMMAND_WIDTH = 60;

    @ParentCommand
    private UoomCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private OutputMixin output;

    @Option(names = "--policy", paramLabel = "POLICY",
            description = "Policy: ${COMPLETION-CANDIDATES}. Default: the policy of --config, else modern.")
    private PolicyKind policy;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Daemon configuration (YAML) whose policy and rules to use.")
    private Path config;

    @Option(names = "--limit", paramLabel = "N", description = "Show at most N queued processes.")
    private Integer limit;

    @Option(names = "--explain", description = "Show how each score came about, term by term.")
    private boolean explain;

    @Option(names = "--all", description = "Also show the processes the policy never queues.")
    private boolean all;

    @Override
    public Integer call() throws UoomException, IOException {
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
        }
        DaemonConfig settings = settings(spec, config, policy);
        Ranking ranking = parent.uoom().rank(settings.createPolicy(),
                w -> spec.commandLine().getErr().println("uoom: warning: " + w));
        RankReport report = RankReport.of(ranking, limit == null ? Integer.MAX_VALUE : limit, explain, all);
        output.print(report, (r, out) -> printText(r, out, explain));
        return ExitCodes.OK;
    }

    /**
     * The configuration of {@code --config} (or the defaults) with the policy of {@code --policy}, for commands
     * that rank.
     *
     * @throws ParameterException for {@code --policy rules} without rules
     */
    static DaemonConfig settings(CommandSpec spec, Path config, PolicyKind policy) throws ConfigException {
        DaemonConfig settings = config == null ? DaemonConfig.defaults() : DaemonConfig.load(config);
        if (policy == null) {
            return settings;
        }
        if (policy == PolicyKind.RULES && settings.rules().isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "--policy rules needs --config FILE with policy: rules and a rules list");
        }
        return settings.withPolicy(policy);
    }

    private static void printText(RankReport report, PrintWriter out, boolean explain) {
        out.println("policy " + report.policy() + ": " + report.queued() + " processes in queue order, "
                + report.excluded() + " never queued");
        boolean rules = report.policy().equals("rules");
        Table table = rules ? new Table("", true, true, true, true, false, false, false)
                .row("RANK", "PID", "SCORE", "POINTS", "GROUP", "NAME", "COMMAND")
                : new Table("", true, true, true, true, false, false)
                .row("RANK", "PID", "SCORE", "POINTS", "NAME", "COMMAND");
        report.processes().forEach(e -> table.row(cells(e, rules)));
        List<String> lines = table.lines();
        out.println(lines.get(0));
        for (int i = 0; i < report.processes().size(); i++) {
            out.println(lines.get(i + 1));
            if (explain) {
                Table terms = new Table("      ", false, false, false, false);
                for (Term t : report.processes().get(i).terms()) {
                    terms.row(t.name(), t.value(), t.effect(), "= " + t.result());
                }
                terms.print(out);
            }
        }
    }

    private static String[] cells(RankReport.Entry e, boolean rules) {
        String rank = e.rank() == null ? "-" : e.rank().toString();
        String points = e.points() == Long.MIN_VALUE ? "-" : Long.toString(e.points());
        String command = command(e.cmdline(), e.name());
        return rules
                ? new String[] {rank, Integer.toString(e.pid()), Long.toString(e.score()), points, e.placement(),
                    e.name(), command}
                : new String[] {rank, Integer.toString(e.pid()), Long.toString(e.score()), points, e.name(), command};
    }

    /** The command line cut to fit a terminal, or {@code [name]} as ps shows processes without one. */
    static String command(String cmdline, String name) {
        if (cmdline == null || cmdline.isEmpty()) {
            return "[" + name + "]";
        }
        String oneLine = cmdline.replace('\n', ' ');
        return oneLine.length() <= COMMAND_WIDTH ? oneLine : oneLine.substring(0, COMMAND_WIDTH - 3) + "...";
    }
}
