package dev.uoom.daemon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import dev.uoom.model.Mode;
import dev.uoom.model.ModuleStatus;
import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.QueueEntry;
import dev.uoom.model.SystemSnapshot;

/**
 * Undoes the advisory module's boost before ranking. In advisory mode the module raises the queue head's
 * {@code oom_score_adj} to 1000; ranked with that value the head would stay first for ever. The daemon ranks
 * it with its own value instead: the module's {@code advisory_saved_adj} if it reports one, else the value
 * the daemon saw before the boost. Not thread-safe.
 */
final class AdvisoryBoost {
    private Map<QueueEntry, Integer> lastSeen = new HashMap<>();

    /**
     * @return {@code snapshot}, with the advisory head's {@code oom_score_adj} put back if it is boosted and its
     *         own value is known
     */
    SystemSnapshot undo(SystemSnapshot snapshot, ModuleStatus status) {
        OptionalInt head = status != null && status.mode() == Mode.ADVISORY ? status.advisoryHead()
                : OptionalInt.empty();
        OptionalInt saved = head.isPresent() ? status.advisorySavedAdj() : OptionalInt.empty();
        Map<QueueEntry, Integer> seen = new HashMap<>();
        boolean changed = false;
        List<ProcessSnapshot> processes = new ArrayList<>(snapshot.processes().size());
        for (ProcessSnapshot p : snapshot.processes()) {
            QueueEntry key = p.queueEntry();
            boolean boosted = head.isPresent() && head.getAsInt() == p.pid()
                    && p.oomScoreAdj() == ProcessSnapshot.OOM_SCORE_ADJ_MAX;
            Integer own = boosted ? (saved.isPresent() ? Integer.valueOf(saved.getAsInt()) : lastSeen.get(key)) : null;
            if (own != null) {
                p = p.withOomScoreAdj(own);
                changed = true;
            }
            if (!boosted || own != null) {
                seen.put(key, p.oomScoreAdj());
            }
            processes.add(p);
        }
        lastSeen = seen;
        return changed ? snapshot.withProcesses(processes) : snapshot;
    }
}
