package dev.evalbot.rules.board;

import java.util.Collection;
import java.util.SortedMap;

/**
 * Turns stored reports into leaderboards, one per (benchmark, task). The rules, in one place:
 * <ul>
 *   <li>Only {@linkplain BoardEntry#eligible() eligible} reports count; the others are counted as
 *       excluded.</li>
 *   <li>One row per model (platform and repository). Its shown report is the most trusted tier
 *       (verified, author, community), then the newest {@linkplain BoardEntry#effectiveDate() date},
 *       then the latest stored; every other eligible report stays in the row, for "expand".</li>
 *   <li>Rows are ranked by the shown value, descending, or ascending for a lower-is-better task.
 *       Equal values share a rank and the next rank skips (competition ranking: 1, 1, 3); among
 *       equals the more trusted tier, then the earlier report, then the model id comes first.</li>
 * </ul>
 * Pure: the same reports give the same leaderboards, in any order. For repeated updates keep an
 * {@link IndexedBoards}, which gives the same result for a fraction of the cost.
 */
public final class Aggregator {
    private final TaskCatalog catalog;

    public Aggregator(TaskCatalog catalog) {
        this.catalog = catalog;
    }

    /** Every benchmark's leaderboard, by benchmark id. */
    public SortedMap<String, Leaderboard> aggregate(Collection<BoardEntry> entries) {
        return IndexedBoards.of(entries, catalog).leaderboards();
    }

    /**
     * One task's leaderboard from its reports. Reports of other tasks must not be passed.
     *
     * @throws IllegalArgumentException when a report is for another task
     */
    public static TaskBoard rank(String taskId, boolean lowerIsBetter, Collection<BoardEntry> entries) {
        TaskSlot slot = new TaskSlot("", taskId, lowerIsBetter, Membership.NONE);
        for (BoardEntry e : entries) {
            if (!e.taskId().equals(taskId)) {
                throw new IllegalArgumentException("report for task " + e.taskId() + " given for " + taskId);
            }
            slot.queue(e);
        }
        return slot.board();
    }
}
