package dev.evalbot.app.reconcile;

import dev.evalbot.app.platform.github.GitHubPlatform;
import dev.evalbot.app.platform.github.GitHubRequests;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.platform.hub.HubDiscussions;
import dev.evalbot.app.platform.hub.HubSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;

/** The sources of the live platforms, built by their units from the platform's own connection. */
public final class PullSources {
    private PullSources() {}

    /** GitHub's, listing through the adapter's own connector (its pool, request count and rate-limit handling). */
    public static PullSource github(GitHubPlatform platform, ReconcileSettings settings, Database db, Clock clock) {
        RateBudget budget = new RateBudget(settings.share(), settings.reserve(), clock);
        GitHubRequests requests = platform.requests();
        FailedDeliveries failed = requests.isApp() && !settings.redeliverLookBack().isZero()
                ? new FailedDeliveries(requests, new RedeliveryCheckpoint(db), settings.redeliverLookBack(),
                        settings.redeliverMax(), budget, clock)
                : null;
        return new GitHubPullSource(requests, settings.githubRepos(), budget, new EtagCache(settings.maxEtags()), failed);
    }

    /** The Hub's, through the same HTTP client, endpoint and token as its reviews. */
    public static PullSource hub(HubSettings hub, HttpClient http, MeterRegistry meters, Clock clock,
            ReconcileSettings settings) {
        return new HubPullSource(new HubDiscussions(hub, http, meters, clock), settings.hubRepos(),
                settings.hubRequests(), clock);
    }
}
