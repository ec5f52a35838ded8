package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.reconcile.RateBudget;
import dev.evalbot.app.review.PlatformException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GitHub App's own record of the webhooks it failed to deliver ({@code GET /app/hook/deliveries}):
 * the failed deliveries of the events evalbot acts on since the last check are redelivered
 * ({@code POST /app/hook/deliveries/{id}/attempts}), which replays what a sweep of open pull requests
 * cannot (a slash command, a close). A redelivery keeps its delivery id, so one the inbox holds
 * already is a duplicate there.
 */
final class FailedDeliveries {
    private static final Logger LOG = LoggerFactory.getLogger(FailedDeliveries.class);
    private static final Set<String> ACTED_ON = Set.of("pull_request", "issue_comment");
    /** Most pages of deliveries read per check: 100 a page, newest first. */
    static final int MAX_PAGES = 20;

    /** Where the last check reached, kept across restarts. */
    interface Checkpoint {
        Instant last();

        void reached(Instant when);
    }

    private final GitHubRequests requests;
    private final Checkpoint checkpoint;
    private final Duration firstLookBack;
    private final int max;
    private final RateBudget budget;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param firstLookBack how far back the first check ever looks ({@code EVALBOT_RECONCILE_REDELIVER_HOURS})
     * @param max the most redeliveries one check asks for ({@code EVALBOT_RECONCILE_REDELIVER_MAX})
     */
    FailedDeliveries(GitHubRequests requests, Checkpoint checkpoint, Duration firstLookBack, int max,
            RateBudget budget, Clock clock) {
        this.requests = requests;
        this.checkpoint = checkpoint;
        this.firstLookBack = firstLookBack;
        this.max = max;
        this.budget = budget;
        this.clock = clock;
    }

    /** Redelivers the failed deliveries since the last check; returns how many. */
    int redeliver() {
        Instant started = clock.instant();
        Instant last = checkpoint.last();
        Instant since = last != null ? last.minus(Duration.ofMinutes(1)) : started.minus(firstLookBack);
        // Newest first: a delivery id that succeeded on any attempt is settled.
        Set<String> settled = new HashSet<>();
        Map<String, Long> failed = new LinkedHashMap<>();
        String url = "/app/hook/deliveries?per_page=100";
        boolean older = false;
        for (int page = 0; url != null && page < MAX_PAGES && !older; page++) {
            budget.before("app");
            GitHubRequests.Answer answer = requests.get(url, new GitHubRequests.As.App(), null);
            budget.after("app", true, answer.header("X-RateLimit-Limit"), answer.header("X-RateLimit-Remaining"),
                    answer.header("X-RateLimit-Reset"));
            JsonNode list;
            try {
                list = json.readTree(answer.body());
            } catch (IOException e) {
                throw new PlatformException("GitHub answered a delivery listing that is not JSON", 200, true, null, e);
            }
            for (JsonNode d : list) {
                Instant at = instant(d.path("delivered_at").asText(""));
                if (at == null || at.isBefore(since)) {
                    older = true;
                    continue;
                }
                String guid = d.path("guid").asText("");
                int status = d.path("status_code").asInt(0);
                if (status >= 200 && status < 300) {
                    settled.add(guid);
                    failed.remove(guid);
                } else if (!settled.contains(guid) && ACTED_ON.contains(d.path("event").asText(""))
                        && !failed.containsKey(guid)) {
                    failed.put(guid, d.path("id").asLong());
                }
            }
            url = GitHubPullSource.next(answer.header("Link"));
        }
        int sent = 0;
        for (Map.Entry<String, Long> f : failed.entrySet()) {
            if (sent >= max) {
                LOG.warn("reconciler: {} failed deliveries to redeliver, {} asked for this time", failed.size(), max);
                break;
            }
            budget.before("app");
            requests.post("/app/hook/deliveries/" + f.getValue() + "/attempts", new GitHubRequests.As.App());
            budget.after("app", true, null, null, null);
            LOG.info("reconciler: asked GitHub to redeliver webhook {}", f.getKey());
            sent++;
        }
        if (sent == failed.size()) {
            checkpoint.reached(started);
        }
        return sent;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
