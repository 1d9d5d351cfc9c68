package dev.uoom.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import dev.uoom.api.OomQueue;
import dev.uoom.api.Uoom;
import dev.uoom.api.UoomException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code uoom queue}: show or change {@code /proc/oom}, the processes the OOM killer takes first. */
@Command(name = "queue",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Show or change the candidate queue (/proc/oom): the processes the OOM killer takes "
                + "first, first one first.",
            "Changes need root with CAP_SYS_RESOURCE. Each pid is written with its start time, so a pid that "
                + "was recycled is refused instead of queued."},
        subcommands = {QueueCommand.Show.class, QueueCommand.Set.class, QueueCommand.Add.class,
            QueueCommand.Clear.class})
final class QueueCommand implements Callable<Integer> {

    @ParentCommand
    private UoomCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    Uoom uoom() {
        return parent.uoom();
    }

    static void printText(QueueReport report, PrintWriter out) {
        if (report.queue().isEmpty()) {
            out.println("queue is empty");
            return;
        }
        Table table = new Table("", true, true, false, false).row("#", "PID", "NAME", "COMMAND");
        int position = 1;
        for (QueueReport.Entry e : report.queue()) {
            table.row(Integer.toString(position++), Integer.toString(e.pid()),
                    e.name() == null ? "-" : e.name(), e.name() == null ? "(exited)" : RankCommand.command(e.cmdline(),
                            e.name()));
        }
        table.print(out);
    }

    /** Base of the subcommands: runs an action, then prints the queue. */
    abstract static class Action implements Callable<Integer> {
        @ParentCommand
        private QueueCommand queue;

        @Spec
        private CommandSpec spec;

        @Mixin
        private OutputMixin output;

        abstract void apply(OomQueue queue) throws UoomException;

        /** Rejects pids that cannot exist, and repeated pids, before anything is read or written. */
        void checkPids(List<Integer> pids) {
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int pid : pids) {
                if (pid <= 0) {
                    throw new ParameterException(spec.commandLine(), "invalid PID " + pid + ": pids are positive");
                }
                if (!seen.add(pid)) {
                    throw new ParameterException(spec.commandLine(), "PID " + pid + " is listed twice");
                }
            }
        }

        @Override
        public Integer call() throws UoomException, IOException {
            Uoom uoom = queue.uoom();
            apply(uoom.queue());
            output.print(QueueReport.read(uoom), QueueCommand::printText);
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Print the queue, first to be killed first.")
    static final class Show extends Action {
        @Override
        void apply(OomQueue queue) {
            // Only prints.
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Replace the queue with PID..., the first killed first; then print it.")
    static final class Set extends Action {
        @Parameters(arity = "1..*", paramLabel = "PID", description = "Processes to queue, in order.")
        private List<Integer> pids;

        @Override
        void apply(OomQueue queue) throws UoomException {
            checkPids(pids);
            queue.replace(pids);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Append PID... to the queue, keeping queued pids where they are; then print it.",
                "Reads and rewrites the queue: not atomic against other writers such as the daemon."})
    static final class Add extends Action {
        @Parameters(arity = "1..*", paramLabel = "PID", description = "Processes to append, in order.")
        private List<Integer> pids;

        @Override
        void apply(OomQueue queue) throws UoomException {
            checkPids(pids);
            queue.add(pids);
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Empty the queue; then print it.")
    static final class Clear extends Action {
        @Override
        void apply(OomQueue queue) throws UoomException {
            queue.clear();
        }
    }
}
