package dev.evalbot.app.board;

import dev.evalbot.rules.board.Row;
import dev.evalbot.rules.board.RowCursor;
import dev.evalbot.rules.board.TaskBoard;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of one task's leaderboard: up to {@code limit} rows from where the cursor points, among
 * the rows whose model matches the search. Rows keep their board-wide rank (model 101 is rank 101
 * on page 2, and in a search's results).
 *
 * @param total models on the task
 * @param matching models the search matched ({@code total} without a search)
 * @param nextCursor where the next page starts, or null on the last page
 */
public record TaskPage(TaskBoard task, List<Row> rows, int total, int matching, String nextCursor) {
    public TaskPage {
        rows = List.copyOf(rows);
    }

    public static TaskPage of(TaskBoard task, BoardQuery query) {
        List<Row> all = task.rows();
        int start = query.cursor() == null ? 0 : query.cursor().nextIndexIn(task);
        List<Row> page = new ArrayList<>(Math.min(query.limit(), all.size()));
        if (query.search() == null) {
            int end = Math.min(all.size(), start + query.limit());
            page.addAll(all.subList(Math.min(start, end), end));
            String next = end < all.size() && !page.isEmpty() ? Cursors.encode(RowCursor.after(page.get(page.size() - 1)))
                    : null;
            return new TaskPage(task, page, all.size(), all.size(), next);
        }
        // A search reads every row's name: a task holds tens of thousands of models at most, a
        // scan of their names is well under a millisecond per ten thousand.
        int matching = 0;
        boolean more = false;
        for (int i = 0; i < all.size(); i++) {
            Row r = all.get(i);
            if (!query.matches(r.modelRepo())) {
                continue;
            }
            matching++;
            if (i >= start) {
                if (page.size() < query.limit()) {
                    page.add(r);
                } else {
                    more = true;
                }
            }
        }
        String next = more ? Cursors.encode(RowCursor.after(page.get(page.size() - 1))) : null;
        return new TaskPage(task, page, all.size(), matching, next);
    }
}
