package dev.evalbot.app.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the reconciler sweeps, from the environment (see docs/reconciler.md). A malformed value is a
 * one-line start-up error, as for {@code EVALBOT_WORKERS}.
 *
 * @param interval time between sweeps; zero turns the reconciler off ({@code EVALBOT_RECONCILE_MINUTES}, 10)
 * @param share the most of a rate-limit window (GitHub: an hour's limit per installation or token)
 *     that sweeps may spend ({@code EVALBOT_RECONCILE_SHARE}, 0.1)
 * @param reserve below this fraction of the limit remaining, sweeps stop until the window resets,
 *     leaving the rest to reviews ({@code EVALBOT_RECONCILE_RESERVE}, 0.2)
 * @param githubRepos repositories swept besides those evalbot has seen, with a plain token
 *     ({@code EVALBOT_RECONCILE_REPOS}: {@code owner/name}, comma-separated)
 * @param hubRepos Hub repositories swept besides those evalbot has seen
 *     ({@code EVALBOT_RECONCILE_HUB_REPOS}: {@code owner/name} for a model, {@code datasets/owner/name})
 * @param hubRequests the most Hub requests one sweep sends ({@code EVALBOT_RECONCILE_HUB_REQUESTS}, 1000):
 *     the Hub publishes no remaining count to budget against
 * @param maxEtags listings whose ETag is remembered ({@code EVALBOT_RECONCILE_ETAGS}, 10000)
 * @param redeliverLookBack how far back a GitHub App's first check of failed webhook deliveries
 *     looks; zero turns redelivery off ({@code EVALBOT_RECONCILE_REDELIVER_HOURS}, 24)
 * @param redeliverMax the most redeliveries one sweep asks for ({@code EVALBOT_RECONCILE_REDELIVER_MAX}, 100)
 */
public record ReconcileSettings(Duration interval, double share, double reserve, List<String> githubRepos,
        List<HubRepo> hubRepos, int hubRequests, int maxEtags, Duration redeliverLookBack, int redeliverMax) {
    public static final String MINUTES = "EVALBOT_RECONCILE_MINUTES";
    public static final String SHARE = "EVALBOT_RECONCILE_SHARE";
    public static final String RESERVE = "EVALBOT_RECONCILE_RESERVE";
    public static final String REPOS = "EVALBOT_RECONCILE_REPOS";
    public static final String HUB_REPOS = "EVALBOT_RECONCILE_HUB_REPOS";
    public static final String HUB_REQUESTS = "EVALBOT_RECONCILE_HUB_REQUESTS";
    public static final String ETAGS = "EVALBOT_RECONCILE_ETAGS";
    public static final String REDELIVER_HOURS = "EVALBOT_RECONCILE_REDELIVER_HOURS";
    public static final String REDELIVER_MAX = "EVALBOT_RECONCILE_REDELIVER_MAX";
    /** Longest interval accepted: a week. */
    static final int MAX_MINUTES = 7 * 24 * 60;
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9._-]+");

    /** A Hub repository: {@code model} or {@code dataset}; null type when unknown (both are tried). */
    public record HubRepo(String type, String name) {}

    public ReconcileSettings {
        githubRepos = List.copyOf(githubRepos);
        hubRepos = List.copyOf(hubRepos);
    }

    public boolean enabled() {
        return !interval.isZero();
    }

    public static ReconcileSettings fromEnvironment(Map<String, String> env) {
        int minutes = whole(env, MINUTES, 10, 0, MAX_MINUTES);
        double share = fraction(env, SHARE, 0.1);
        double reserve = fraction(env, RESERVE, 0.2);
        return new ReconcileSettings(Duration.ofMinutes(minutes), share, reserve, githubRepos(env), hubRepos(env),
                whole(env, HUB_REQUESTS, 1000, 1, 1_000_000), whole(env, ETAGS, 10_000, 1, 10_000_000),
                // GitHub keeps a hook's deliveries for three days.
                Duration.ofHours(whole(env, REDELIVER_HOURS, 24, 0, 72)), whole(env, REDELIVER_MAX, 100, 1, 10_000));
    }

    private static int whole(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", got "
                + value);
    }

    private static double fraction(Map<String, String> env, String name, double fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(value.trim());
            if (d > 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(name + " must be a fraction above 0 and at most 1 (e.g. 0.1), got " + value);
    }

    private static List<String> githubRepos(Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (String item : items(env, REPOS)) {
            if (!REPO.matcher(item).matches()) {
                throw new IllegalArgumentException(REPOS + " lists owner/name repositories separated by commas, got '"
                        + item + "'");
            }
            out.add(item);
        }
        return out;
    }

    private static List<HubRepo> hubRepos(Map<String, String> env) {
        List<HubRepo> out = new ArrayList<>();
        for (String item : items(env, HUB_REPOS)) {
            String type = "model";
            String name = item;
            for (String prefix : List.of("datasets/", "models/")) {
                if (item.startsWith(prefix) && item.chars().filter(c -> c == '/').count() == 2) {
                    type = prefix.equals("datasets/") ? "dataset" : "model";
                    name = item.substring(prefix.length());
                }
            }
            if (!REPO.matcher(name).matches()) {
                throw new IllegalArgumentException(HUB_REPOS + " lists owner/name (a model) or datasets/owner/name,"
                        + " separated by commas, got '" + item + "'");
            }
            out.add(new HubRepo(type, name));
        }
        return out;
    }

    private static List<String> items(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
