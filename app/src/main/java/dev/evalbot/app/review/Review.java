package dev.evalbot.app.review;

import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.Verdict;
import java.util.List;
import java.util.Map;

/**
 * One review of one change, platform-neutral: what the renderer turns into the comment and
 * what the store keeps.
 *
 * @param number the pull request number, or 0 for a local review
 * @param entries trust status per entry, keyed by {@link #key(String, int)}
 * @param history recent maintainer commands, newest last, already phrased for display
 * @param approved a maintainer approved the change (status success even with warnings)
 */
public record Review(String repo, int number, String headSha, ChangeReport report, Map<String, EntryStatus> entries,
        List<String> history, boolean approved) {
    public Review {
        entries = Map.copyOf(entries);
        history = List.copyOf(history);
    }

    public static String key(String path, int index) {
        return path + "#" + index;
    }

    public Verdict verdict() {
        return report.verdict();
    }

    public EntryStatus status(String path, int index) {
        return entries.get(key(path, index));
    }
}
