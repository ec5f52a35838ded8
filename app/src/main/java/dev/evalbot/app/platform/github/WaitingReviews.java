package dev.evalbot.app.platform.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The reviews this process accepted that wait in the inbox and have not started, per budget
 * account, in order of arrival. In a burst the backlog waits here rather than in
 * {@link GitHubBudget}'s line, so this is what tells a queued review's wait before it starts.
 * Bounded (the oldest are forgotten first) and kept at most {@code ttl}.
 */
final class WaitingReviews {
    /** One pull request's newest head waiting for its review. */
    record Waiting(String account, String repo, int number, String headSha, Long installationId, Instant arrived) {
        String subject() {
            return repo + "#" + number;
        }
    }

    private final Clock clock;
    private final int max;
    private final Duration ttl;
    /** Guarded by this: by subject, in order of arrival (a newer head of a subject goes to the end). */
    private final Map<String, Waiting> bySubject = new LinkedHashMap<>();

    WaitingReviews(Clock clock, int max, Duration ttl) {
        this.clock = clock;
        this.max = max;
        this.ttl = ttl;
    }

    synchronized void arrived(Waiting w) {
        bySubject.remove(w.subject());
        bySubject.put(w.subject(), w);
        while (bySubject.size() > max) {
            Iterator<String> oldest = bySubject.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /**
     * The review of {@code subject} starts: it no longer waits. If a notice of it is on the wire, this
     * returns once it is answered, so that the review's verdict completes the run the notice opened.
     */
    void started(String subject) {
        Waiting w;
        synchronized (this) {
            w = bySubject.remove(subject);
        }
        if (w != null) {
            synchronized (w) {
                // the notice (if any) has been answered
            }
        }
    }

    /** The account's waiting reviews, oldest first. */
    synchronized List<Waiting> of(String account) {
        Instant oldest = clock.instant().minus(ttl);
        bySubject.values().removeIf(w -> w.arrived().isBefore(oldest));
        List<Waiting> out = new ArrayList<>();
        for (Waiting w : bySubject.values()) {
            if (w.account().equals(account)) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Runs {@code notice} for {@code w} while no review of it may start, if it still waits.
     *
     * @return what {@code notice} returned, or false when its review started meanwhile
     */
    boolean whileWaiting(Waiting w, Predicate<Waiting> notice) {
        synchronized (w) {
            synchronized (this) {
                if (bySubject.get(w.subject()) != w) {
                    return false;
                }
            }
            return notice.test(w);
        }
    }
}
