package dev.uoom.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.uoom.api.UoomException;
import dev.uoom.daemon.Daemon;
import dev.uoom.daemon.DaemonConfig;
import dev.uoom.daemon.DaemonLog;
import dev.uoom.daemon.SystemdNotifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code uoom daemon}: keep {@code /proc/oom} in policy order. */
@Command(name = "daemon",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Keep the candidate queue (/proc/oom) in the order a policy ranks the processes. "
                + "Re-ranks on memory pressure (/dev/oom_notify events; a PSI trigger on "
                + "/proc/pressure/memory without the module) and at least every rerank-interval; at CRITICAL "
                + "runs the configured on-critical action; records each OOM victim. Logs every decision to "
                + "stderr, one line each.",
            "At start it locks the memory it touches (mlockall) and protects itself through /dev/oom_protect "
                + "(oom_score_adj -1000); only without that device does it set its own oom_score_adj to "
                + "protect-self.oom-score-adj (-900 by default). It never queues itself. SIGTERM stops it; the "
                + "queue stays in place. SIGHUP reloads --config: a good file replaces the running configuration, "
                + "a bad one is logged and the old one kept (check a file first with uoom config check).",
            "Under systemd (Type=notify) it sends READY=1 after its first ranking, STATUS= lines, RELOADING=1 "
                + "around a reload, STOPPING=1, and WATCHDOG=1 at half of WatchdogSec=, to $NOTIFY_SOCKET. "
                + "When stderr is the journal ($JOURNAL_STREAM), each line carries a syslog priority prefix "
                + "instead of the time."})
final class DaemonCommand implements Callable<Integer> {
    @ParentCommand
    private UoomCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration (YAML), such as /etc/uoom/daemon.yaml. Default: built-in defaults.")
    private Path config;

    @Option(names = "--once", description = "Rank and write once, then exit.")
    private boolean once;

    @Option(names = "--dry-run", description = "Log what would be written; change nothing.")
    private boolean dryRun;

    @Override
    @SuppressWarnings("try") // the hooks are unused in the body: they act on signals
    public Integer call() throws UoomException {
        DaemonConfig settings = config == null ? DaemonConfig.defaults() : DaemonConfig.load(config);
        Logger log = DaemonLog.create(spec.commandLine().getErr(), parent.verbose() ? Level.FINE : Level.INFO,
                DaemonLog.stderrIsJournal());
        SystemdNotifier systemd = once ? SystemdNotifier.disabled()
                : SystemdNotifier.fromEnvironment(System.getenv(), ProcessHandle.current().pid(), log::warning);
        Daemon daemon = new Daemon(parent.uoom(), settings,
                config == null ? DaemonConfig::defaults : () -> DaemonConfig.load(config), systemd, dryRun, log);
        daemon.start();
        if (once) {
            daemon.rankOnce("once");
            return ExitCodes.OK;
        }
        try (StopOnSignal stop = new StopOnSignal("uoom-daemon-stop", () -> {
            log.info("stopping (signal or exit)");
            daemon.stop();
        }); ReloadOnHangup hup = new ReloadOnHangup(() -> {
            log.info("SIGHUP: reloading " + (config == null ? "the built-in defaults" : config));
            daemon.reload();
        })) {
            daemon.run();
        }
        return ExitCodes.OK;
    }
}
