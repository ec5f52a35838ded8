package dev.evalbot.app.board;

import dev.evalbot.app.event.PlatformId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which of the configured publish targets this deployment can serve. A target on a platform that
 * is not live (a {@code github:} target with GitHub off, {@code hub: true} with the Hub off) is
 * left out with one start-up warning: kept, it would fail at every refresh, be retried with
 * backoff, and hold up the benchmark's other targets. Webhook targets need no platform and are
 * always kept.
 *
 * @param targets what the {@link BoardPublisher}s publish to
 * @param skipped what is left out, one per benchmark and platform, sorted by benchmark
 */
public record PublishPlan(PublishTargets targets, List<Skipped> skipped) {
    public PublishPlan {
        skipped = List.copyOf(skipped);
    }

    /**
     * A platform this deployment does not serve live, in the words of the start-up log, e.g.
     * {@code GitHub}, {@code off}, {@code no GITHUB_TOKEN or GITHUB_APP_ID}.
     */
    public record NotLive(PlatformId platform, String label, String mode, String reason) {}

    /** One target left out because its platform is not live. */
    public record Skipped(String benchmarkId, NotLive platform, String destination) {
        /** The start-up warning: what is not published, where, and why. */
        public String warning() {
            return "leaderboard of " + benchmarkId + " is not published to " + destination + ": " + platform.label()
                    + " is " + platform.mode() + " in this deployment (" + platform.reason()
                    + "); remove benchmarks." + benchmarkId + ".publish." + platform.platform().code()
                    + " from evalbot.yaml or make " + platform.label() + " live";
        }
    }

    /** @param notLive the platforms that are not live here; any other is */
    public static PublishPlan decide(PublishTargets configured, Collection<NotLive> notLive) {
        Map<PlatformId, NotLive> off = notLive.stream().collect(Collectors.toMap(NotLive::platform, Function.identity()));
        Map<String, PublishTargets.Target> kept = new HashMap<>();
        List<Skipped> skipped = new ArrayList<>();
        configured.byBenchmark().forEach((benchmark, target) -> {
            String githubRepo = target.githubRepo();
            if (githubRepo != null && off.containsKey(PlatformId.GITHUB)) {
                skipped.add(new Skipped(benchmark, off.get(PlatformId.GITHUB), "GitHub " + githubRepo));
                githubRepo = null;
            }
            boolean hub = target.hub();
            if (hub && off.containsKey(PlatformId.HUB)) {
                skipped.add(new Skipped(benchmark, off.get(PlatformId.HUB), "the Hub dataset " + benchmark));
                hub = false;
            }
            if (githubRepo != null || hub || target.webhook() != null) {
                kept.put(benchmark, new PublishTargets.Target(githubRepo, hub, target.webhook()));
            }
        });
        skipped.sort(Comparator.comparing(Skipped::benchmarkId).thenComparing(s -> s.platform().platform().code()));
        return new PublishPlan(new PublishTargets(kept), skipped);
    }
}
