package dev.uoom.cli;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.uoom.api.Uoom;
import dev.uoom.api.UoomException;
import dev.uoom.model.ProcessSnapshot;

/**
 * What {@code uoom queue} prints; the JSON form has exactly these properties.
 *
 * @param queue the queued processes, first to be killed first
 */
record QueueReport(List<Entry> queue) {

    /**
     * @param pid the queued pid
     * @param name its command name, or {@code null} if it exited since
     * @param cmdline its command line, or {@code null} if it exited since
     */
    @JsonPropertyOrder({"pid", "name", "cmdline"})
    record Entry(int pid, String name, String cmdline) {
    }

    /** Reads the queue and names its processes. */
    static QueueReport read(Uoom uoom) throws UoomException {
        List<Entry> entries = new ArrayList<>();
        for (int pid : uoom.queue().list()) {
            ProcessSnapshot p = uoom.process(pid).orElse(null);
            entries.add(new Entry(pid, p == null ? null : p.name(), p == null ? null : p.commandLine()));
        }
        return new QueueReport(entries);
    }
}
