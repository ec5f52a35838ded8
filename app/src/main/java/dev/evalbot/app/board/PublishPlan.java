package dev.evalbot.app.board;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.platform.Deployment;
import dev.evalbot.app.platform.Mode;
import dev.evalbot.app.platform.PlatformMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of the configured publish targets this deployment can serve. A target on a platform that
 * is not live (a {@code github:} target with GitHub off, {@code hub: true} with the Hub off) is
 * left out with one start-up warning: kept, it would fail at every refresh, be retried with
 * backoff, and hold up the benchmark's other targets. Webhook targets need no platform and are
 * always kept.
 *
 * @param targets what {@link Publishers} publishes to
 * @param skipped what is left out, one per benchmark and platform, sorted by benchmark
 */
public record PublishPlan(PublishTargets targets, List<Skipped> skipped) {
    public PublishPlan {
        skipped = List.copyOf(skipped);
    }

    /** One target left out because its platform is not live. */
    public record Skipped(String benchmarkId, PlatformMode platform, String destination) {
        /** The start-up warning: what is not published, where, and why. */
        public String warning() {
            return "leaderboard of " + benchmarkId + " is not published to " + destination + ": " + platform.label()
                    + " is " + platform.mode().word() + " in this deployment (" + platform.reason()
                    + "); remove benchmarks." + benchmarkId + ".publish." + platform.platform().code()
                    + " from evalbot.yaml or make " + platform.label() + " live";
        }
    }

    public static PublishPlan decide(PublishTargets configured, Deployment deployment) {
        Map<String, PublishTargets.Target> kept = new HashMap<>();
        List<Skipped> skipped = new ArrayList<>();
        configured.byBenchmark().forEach((benchmark, target) -> {
            String githubRepo = target.githubRepo();
            if (githubRepo != null && !live(deployment, PlatformId.GITHUB)) {
                skipped.add(new Skipped(benchmark, mode(deployment, PlatformId.GITHUB), "GitHub " + githubRepo));
                githubRepo = null;
            }
            boolean hub = target.hub();
            if (hub && !live(deployment, PlatformId.HUB)) {
                skipped.add(new Skipped(benchmark, mode(deployment, PlatformId.HUB), "the Hub dataset " + benchmark));
                hub = false;
            }
            if (githubRepo != null || hub || target.webhook() != null) {
                kept.put(benchmark, new PublishTargets.Target(githubRepo, hub, target.webhook()));
            }
        });
        skipped.sort(Comparator.comparing(Skipped::benchmarkId).thenComparing(s -> s.platform().platform()));
        return new PublishPlan(new PublishTargets(kept), skipped);
    }

    private static boolean live(Deployment deployment, PlatformId platform) {
        return deployment.mode(platform) == Mode.LIVE;
    }

    private static PlatformMode mode(Deployment deployment, PlatformId platform) {
        return deployment.platforms().stream().filter(p -> p.platform() == platform).findFirst().orElseThrow();
    }
}
