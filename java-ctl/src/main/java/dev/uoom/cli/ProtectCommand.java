package dev.uoom.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import dev.uoom.api.OomProtection;
import dev.uoom.api.Uoom;
import dev.uoom.api.UoomException;
import dev.uoom.model.ProtectedProcess;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code uoom protect}, {@code uoom unprotect} and {@code uoom protected}: OOM kill protection. */
final class ProtectCommand {
    private ProtectCommand() {
    }

    /** What the commands print: the protected processes, and the process a command changed. */
    record Report(Target target, List<Row> protectedProcesses) {
        record Target(int pid, boolean isProtected, int adj, Integer savedAdj) {
        }

        record Row(int pid, String name, Integer savedAdj, String source) {
        }

        static Report read(OomProtection protection, OomProtection.State target) throws UoomException {
            List<Row> rows = protection.list().stream().map(p -> new Row(p.pid(), p.name(),
                    p.savedAdj().isPresent() ? p.savedAdj().getAsInt() : null, p.source().word())).toList();
            Target t = target == null ? null : new Target(target.pid(), target.protectedNow(), target.adj(),
                    target.savedAdj().isPresent() ? target.savedAdj().getAsInt() : null);
            return new Report(t, rows);
        }
    }

    static void printText(Report report, PrintWriter out) {
        if (report.target() != null) {
            Report.Target t = report.target();
            out.printf("pid %d: %s, oom_score_adj %d%s%n", t.pid(), t.isProtected() ? "protected" : "not protected",
                    t.adj(), t.savedAdj() == null ? "" : ", unprotect restores " + t.savedAdj());
        }
        if (report.protectedProcesses().isEmpty()) {
            out.println("no process is protected");
            return;
        }
        Table table = new Table("", true, false, true, false).row("PID", "NAME", "SAVED_ADJ", "SOURCE");
        for (Report.Row r : report.protectedProcesses()) {
            table.row(Integer.toString(r.pid()), r.name(), r.savedAdj() == null ? "-" : r.savedAdj().toString(),
                    r.source());
        }
        table.print(out);
    }

    /** PID or --self, exactly one. */
    static final class Which {
        @Parameters(arity = "1", paramLabel = "PID", description = "The process.")
        Integer pid;

        @Option(names = "--self", required = true, description = "The uoom process itself (for tests and scripts).")
        boolean self;
    }

    /** Base of protect and unprotect. */
    abstract static class Change implements Callable<Integer> {
        @ParentCommand
        private UoomCommand parent;

        @Spec
        private CommandSpec spec;

        @Mixin
        private OutputMixin output;

        @ArgGroup(exclusive = true, multiplicity = "1")
        private Which which;

        abstract void apply(OomProtection protection, int pid, boolean self) throws UoomException;

        @Override
        public Integer call() throws UoomException, IOException {
            if (which.pid != null && which.pid <= 0) {
                throw new ParameterException(spec.commandLine(), "invalid PID " + which.pid + ": pids are positive");
            }
            int pid = which.self ? (int) ProcessHandle.current().pid() : which.pid;
            OomProtection protection = parent.uoom().protection();
            apply(protection, pid, which.self);
            output.print(Report.read(protection, protection.query(pid)), ProtectCommand::printText);
            return ExitCodes.OK;
        }
    }

    @Command(name = "protect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Protect a process from the OOM killer: set its oom_score_adj to -1000, saving the "
                + "value it had. Children it forks later are protected too.",
                "Needs CAP_SYS_RESOURCE, and CAP_DAC_OVERRIDE for another user's process. A protected process "
                    + "is never taken, not even from the queue."})
    static final class Protect extends Change {
        @Override
        void apply(OomProtection protection, int pid, boolean self) throws UoomException {
            if (self) {
                protection.protectSelf();
            } else {
                protection.protect(pid);
            }
        }
    }

    @Command(name = "unprotect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Drop a process's protection, restoring the oom_score_adj it had before.",
                "Dropping one's own is always allowed; another process's needs CAP_SYS_RESOURCE."})
    static final class Unprotect extends Change {
        @Override
        void apply(OomProtection protection, int pid, boolean self) throws UoomException {
            if (self) {
                protection.unprotectSelf();
            } else {
                protection.unprotect(pid);
            }
        }
    }

    @Command(name = "protected", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "List the processes the OOM killer may not take (oom_score_adj -1000), and how each "
                + "came to be protected.")
    static final class Listing implements Callable<Integer> {
        @ParentCommand
        private UoomCommand parent;

        @Mixin
        private OutputMixin output;

        @Override
        public Integer call() throws UoomException, IOException {
            output.print(Report.read(parent.uoom().protection(), null), ProtectCommand::printText);
            return ExitCodes.OK;
        }
    }
}
