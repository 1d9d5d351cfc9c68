package dev.uoom.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.uoom.api.Uoom;
import dev.uoom.api.UoomException;
import dev.uoom.model.Mode;
import dev.uoom.model.ModuleStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code uoom status}: module version and mode, and the running kernel. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Show the uoom module's version and mode, and the running kernel.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    private UoomCommand parent;

    @Mixin
    private OutputMixin output;

    @Override
    public Integer call() throws UoomException, IOException {
        Uoom uoom = parent.uoom();
        ModuleStatus status = uoom.status();
        output.print(StatusReport.of(status, uoom.kernelRelease()), StatusCommand::printText);
        return ExitCodes.OK;
    }

    private static void printText(StatusReport report, PrintWriter out) {
        Mode mode = Mode.fromKernelName(report.mode());
        KeyValueTable table = new KeyValueTable()
                .row("uoom module", report.version())
                .row("mode", report.mode() + " (" + mode.description() + ")")
                .row("kernel", report.kernel());
        for (Map.Entry<String, String> field : report.fields().entrySet()) {
            if (!ModuleStatus.REQUIRED_KEYS.contains(field.getKey())) {
                table.row(field.getKey(), field.getValue());
            }
        }
        table.print(out);
    }
}
