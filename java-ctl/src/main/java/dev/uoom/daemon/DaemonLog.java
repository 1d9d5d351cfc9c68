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

import dev.uoom.nativeio.ErrnoException;
import dev.uoom.nativeio.FileIdentity;

/**
 * The daemon's log: one line per record, {@code TIME LEVEL message}, on a writer such as stderr. When stderr is
 * the journal's stream, a line is {@code <PRIORITY>message} instead, the sd-daemon prefix that journald reads
 * as the priority: 3 SEVERE, 4 WARNING, 6 INFO and CONFIG, 7 below (journald adds the time itself).
 * <p>
 * The logger is anonymous, so {@link java.util.logging.LogManager}'s own shutdown hook does not close it and
 * the lines written while the daemon stops on SIGTERM still appear.
 */
public final class DaemonLog {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private static final int STDERR = 2;

    private DaemonLog() {
    }

    /** A logger that writes records at {@code level} and above to {@code out}, plain. */
    public static Logger create(PrintWriter out, Level level) {
        return create(out, level, false);
    }

    /** As {@link #create(PrintWriter, Level)}; {@code journal}: with priority prefixes, without the time. */
    public static Logger create(PrintWriter out, Level level, boolean journal) {
        Logger log = Logger.getAnonymousLogger();
        log.setUseParentHandlers(false);
        log.setLevel(level);
        Handler handler = new LineHandler(out, journal);
        handler.setLevel(level);
        log.addHandler(handler);
        return log;
    }

    /** Whether stderr is the journal's stream: {@code $JOURNAL_STREAM} names its device and inode. */
    public static boolean stderrIsJournal() {
        String stream = System.getenv("JOURNAL_STREAM");
        if (stream == null) {
            return false;
        }
        try {
            return isJournalStream(stream, FileIdentity.of(STDERR));
        } catch (ErrnoException e) {
            return false;
        }
    }

    /** Whether {@code journalStream}, {@code DEVICE:INODE} in decimal as systemd sets it, names {@code file}. */
    static boolean isJournalStream(String journalStream, FileIdentity file) {
        if (journalStream == null) {
            return false;
        }
        String[] parts = journalStream.split(":", -1);
        try {
            return parts.length == 2 && Long.parseUnsignedLong(parts[0]) == file.device()
                    && Long.parseUnsignedLong(parts[1]) == file.inode();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The sd-daemon priority of {@code level}: {@code <3>} to {@code <7>}. */
    static String priority(Level level) {
        int value = level.intValue();
        int syslog = value >= Level.SEVERE.intValue() ? 3 : value >= Level.WARNING.intValue() ? 4
                : value >= Level.CONFIG.intValue() ? 6 : 7;
        return "<" + syslog + ">";
    }

    /** Formats one record as one line without the line terminator, for the journal or plain. */
    static String format(LogRecord r, boolean journal) {
        return journal ? priority(r.getLevel()) + message(r) : format(r);
    }

    private static String message(LogRecord r) {
        String message = r.getMessage();
        if (r.getThrown() != null) {
            message += ": " + r.getThrown();
        }
        return message.replace('\n', ' ');
    }

    /** Formats one record as one plain line without the line terminator. */
    static String format(LogRecord r) {
        return TIME.format(Instant.ofEpochMilli(r.getMillis())) + " " + r.getLevel().getName() + " " + message(r);
    }

    private static final class LineHandler extends Handler {
        private final PrintWriter out;
        private final boolean journal;

        LineHandler(PrintWriter out, boolean journal) {
            this.out = Objects.requireNonNull(out, "out");
            this.journal = journal;
        }

        @Override
        public synchronized void publish(LogRecord r) {
            if (isLoggable(r)) {
                out.println(format(r, journal));
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
