package dev.evalbot.app.platform.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestEvent.Trigger;
import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.reconcile.OpenPull;
import dev.evalbot.app.reconcile.PullSource;
import dev.evalbot.app.reconcile.RateBudget;
import dev.evalbot.app.reconcile.ReconcileSettings;
import dev.evalbot.app.review.PlatformException;
import dev.evalbot.app.store.PullRef;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hub's open pull-request discussions, of the repositories evalbot has seen plus
 * {@code EVALBOT_RECONCILE_HUB_REPOS} (a Hub webhook's watched repositories and organisations cannot
 * be read back). The Hub gives no ETags here and no head in the listing: a sweep costs one request
 * per page of a repository's discussions and one per open pull request, at most
 * {@code EVALBOT_RECONCILE_HUB_REQUESTS} per sweep.
 */
final class HubPullSource implements PullSource {
    private static final Logger LOG = LoggerFactory.getLogger(HubPullSource.class);

    private final HubDiscussions discussions;
    private final List<ReconcileSettings.HubRepo> configured;
    private final int maxRequests;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    /** Set when the Hub asked to wait (a rate limit): sweeps leave it alone until then. */
    private Instant pausedUntil;

    HubPullSource(HubDiscussions discussions, List<ReconcileSettings.HubRepo> configured, int maxRequests,
            Clock clock) {
        this.discussions = discussions;
        this.clock = clock;
        this.configured = List.copyOf(configured);
        this.maxRequests = maxRequests;
    }

    @Override
    public PlatformId platform() {
        return PlatformId.HUB;
    }

    @Override
    public SweepResult sweep(Set<String> seen, Found found) {
        if (pausedUntil != null && clock.instant().isBefore(pausedUntil)) {
            return new SweepResult(0, "the Hub asked to wait until " + pausedUntil);
        }
        pausedUntil = null;
        // A seen repository's type is not stored with its reviews: a model is tried first, then a dataset.
        Map<String, ReconcileSettings.HubRepo> repos = new LinkedHashMap<>();
        configured.forEach(r -> repos.put(r.name(), r));
        seen.forEach(name -> repos.putIfAbsent(name, new ReconcileSettings.HubRepo(null, name)));
        int[] sent = {0};
        Runnable count = () -> {
            if (++sent[0] > maxRequests) {
                throw new RateBudget.Spent("sweeps send at most " + maxRequests + " Hub requests ("
                        + ReconcileSettings.HUB_REQUESTS + ")");
            }
        };
        int swept = 0;
        for (ReconcileSettings.HubRepo repo : repos.values()) {
            try {
                for (String type : repo.type() == null ? List.of("model", "dataset") : List.of(repo.type())) {
                    Optional<List<HubDiscussions.OpenPull>> open = discussions.openPulls(type, repo.name(), count);
                    if (open.isPresent()) {
                        swept++;
                        for (HubDiscussions.OpenPull p : open.get()) {
                            if (p.headSha() != null) {
                                found.found(openPull(type, repo.name(), p));
                            }
                        }
                        break;
                    }
                }
            } catch (RateBudget.Spent stop) {
                LOG.warn("reconciler: Hub sweep stopped: {}", stop.getMessage());
                return new SweepResult(swept, stop.getMessage());
            } catch (PlatformException e) {
                if (e.retryable()) {
                    // Rate limited: wait as long as the Hub says, else the hour; a server error: the next sweep.
                    pausedUntil = e.notBefore() != null ? e.notBefore()
                            : e.status() == 429 ? clock.instant().plusSeconds(3600) : null;
                    LOG.warn("reconciler: Hub sweep stopped at {}: {}", repo.name(), e.getMessage());
                    return new SweepResult(swept, e.getMessage());
                }
                LOG.info("reconciler: cannot list the discussions of {} ({}); skipped", repo.name(), e.getMessage());
            }
        }
        return new SweepResult(swept, null);
    }

    /** The payload of a Hub {@code discussion.create} webhook for this pull request, as evalbot reads it. */
    private OpenPull openPull(String type, String repo, HubDiscussions.OpenPull p) {
        ObjectNode root = json.createObjectNode();
        root.putObject("event").put("action", "create").put("scope", "discussion");
        root.putObject("repo").put("type", type).put("name", repo);
        root.putObject("discussion").put("num", p.number()).put("status", "open").put("isPullRequest", true);
        try {
            PullRequestRef ref = HubEvents.ref(HubEvent.parse(root), p.number(), p.headSha());
            return new OpenPull(new PullRef(PlatformId.HUB, repo, p.number()), p.headSha(), "discussion",
                    json.writeValueAsBytes(root), new PullRequestEvent.ReviewRequested(ref, Trigger.SWEPT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Hub's, through the same HTTP client, endpoint and token as its reviews. */
    public static PullSource of(HubSettings hub, HttpClient http, MeterRegistry meters, Clock clock,
            ReconcileSettings settings) {
        return new HubPullSource(new HubDiscussions(hub, http, meters, clock), settings.hubRepos(),
                settings.hubRequests(), clock);
    }
}
