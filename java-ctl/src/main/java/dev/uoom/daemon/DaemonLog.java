package dev.uoom.daemon;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The daemon's log: one line per record, {@code TIME LEVEL message}, on a writer such as stderr.
 * <p>
 * The logger is anonymous, so {@link java.util.logging.LogManager}'s own shutdown hook does not close it and
 * the lines written while the daemon stops on SIGTERM still appear.
 */
public final class DaemonLog {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private DaemonLog() {
    }

    /** A logger that writes records at {@code level} and above to {@code out}. */
    public static Logger create(PrintWriter out, Level level) {
        Logger log = Logger.getAnonymousLogger();
        log.setUseParentHandlers(false);
        log.setLevel(level);
        Handler handler = new LineHandler(out);
        handler.setLevel(level);
        log.addHandler(handler);
        return log;
    }

    /** Formats one record as one line without the line terminator. */
    static String format(LogRecord r) {
        String message = r.getMessage();
        if (r.getThrown() != null) {
            message += ": " + r.getThrown();
        }
        return TIME.format(Instant.ofEpochMilli(r.getMillis())) + " " + r.getLevel().getName() + " "
                + message.replace('\n', ' ');
    }

    private static final class LineHandler extends Handler {
        private final PrintWriter out;

        LineHandler(PrintWriter out) {
            this.out = Objects.requireNonNull(out, "out");
        }

        @Override
        public synchronized void publish(LogRecord r) {
            if (isLoggable(r)) {
                out.println(format(r));
                out.flush();
            }
        }

        @Override
        public synchronized void flush() {
            out.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
