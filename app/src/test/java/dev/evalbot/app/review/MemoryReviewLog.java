package dev.evalbot.app.review;

import dev.evalbot.app.event.PullRequestRef;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ReviewLog} in memory, for pipeline tests that do not need the database. */
public final class MemoryReviewLog implements ReviewLog {
    private final Map<String, ReviewState> states = new ConcurrentHashMap<>();
    private final Map<String, String> markdown = new ConcurrentHashMap<>();

    @Override
    public ReviewState state(PullRequestRef pr) {
        return states.getOrDefault(pr.subject(), ReviewState.NONE);
    }

    @Override
    public void saveState(PullRequestRef pr, ReviewState state) {
        states.put(pr.subject(), state);
    }

    @Override
    public void saveReview(PullRequestRef pr, Review review, String md, String json) {
        markdown.put(pr.subject(), md);
    }

    public String markdown(String subject) {
        return markdown.get(subject);
    }
}
