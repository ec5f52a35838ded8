package dev.evalbot.app.platform.github;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pace of GitHub requests per installation (see {@link GitHubBudget}).
 *
 * @param windows content-creating requests (POST, PATCH, PUT, DELETE) allowed per sliding window;
 *     GitHub's secondary limits are about 80 a minute and 500 an hour
 * @param backoffBase the first wait after a 403/429 secondary limit without {@code Retry-After}
 *     (GitHub: at least a minute), doubled on each further one until a request succeeds
 * @param backoffMax the longest such wait
 * @param maxInlineWait the longest a review waits in its worker; a longer wait hands the review back
 *     to the inbox, due when the budget allows it
 * @param noticeAfter a review expected to wait this long shows it on its commit ("queued: ...")
 * @param noticeShare the part of each window (of at least 10) kept for those notices, so that showing
 *     a wait never takes a review's place; a notice that finds its share spent is not written
 */
public record BudgetSettings(List<Window> windows, Duration backoffBase, Duration backoffMax, Duration maxInlineWait,
        Duration noticeAfter, double noticeShare) {
    /** @param requests content-creating requests allowed in any {@code per} */
    public record Window(int requests, Duration per) {
        public Window {
            if (requests < 1 || per.toMillis() < 1) {
                throw new IllegalArgumentException("a budget window needs at least one request and a positive length");
            }
        }

        @Override
        public String toString() {
            return requests + "/" + per.toSeconds() + "s";
        }
    }

    public static final BudgetSettings DEFAULT = new BudgetSettings(
            List.of(new Window(80, Duration.ofMinutes(1)), new Window(500, Duration.ofHours(1))),
            Duration.ofMinutes(1), Duration.ofMinutes(16), Duration.ofMinutes(1), Duration.ofMinutes(5), 0.05);

    public BudgetSettings {
        windows = List.copyOf(windows);
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0 || maxInlineWait.isNegative()
                || noticeAfter.isNegative()) {
            throw new IllegalArgumentException("budget waits must be positive, the longest at least the first");
        }
        if (!(noticeShare >= 0 && noticeShare < 0.5)) {
            throw new IllegalArgumentException("the notices' share of the budget must be from 0 to 0.5");
        }
    }

    /**
     * {@code EVALBOT_GITHUB_WRITE_BUDGET} ({@code 80/60s,500/3600s}), {@code EVALBOT_GITHUB_BACKOFF_SECONDS}
     * (60), {@code EVALBOT_GITHUB_BACKOFF_MAX_SECONDS} (960), {@code EVALBOT_GITHUB_MAX_INLINE_WAIT_SECONDS} (60),
     * {@code EVALBOT_GITHUB_NOTICE_AFTER_SECONDS} (300), {@code EVALBOT_GITHUB_NOTICE_SHARE} (0.05).
     */
    public static BudgetSettings fromEnvironment(Map<String, String> env) {
        String budget = env.get("EVALBOT_GITHUB_WRITE_BUDGET");
        List<Window> windows = budget == null || budget.isBlank() ? DEFAULT.windows() : windows(budget);
        return new BudgetSettings(windows,
                seconds(env, "EVALBOT_GITHUB_BACKOFF_SECONDS", DEFAULT.backoffBase()),
                seconds(env, "EVALBOT_GITHUB_BACKOFF_MAX_SECONDS", DEFAULT.backoffMax()),
                seconds(env, "EVALBOT_GITHUB_MAX_INLINE_WAIT_SECONDS", DEFAULT.maxInlineWait()),
                seconds(env, "EVALBOT_GITHUB_NOTICE_AFTER_SECONDS", DEFAULT.noticeAfter()),
                share(env.get("EVALBOT_GITHUB_NOTICE_SHARE")));
    }

    static List<Window> windows(String text) {
        List<Window> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] nPer = part.trim().split("/", 2);
            try {
                if (nPer.length != 2 || !nPer[1].trim().endsWith("s")) {
                    throw new NumberFormatException();
                }
                String per = nPer[1].trim();
                out.add(new Window(Integer.parseInt(nPer[0].trim()),
                        Duration.ofMillis(Math.round(Double.parseDouble(per.substring(0, per.length() - 1)) * 1000))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("EVALBOT_GITHUB_WRITE_BUDGET: expected requests/seconds pairs such as "
                        + "'80/60s,500/3600s', got '" + part.trim() + "'");
            }
        }
        return out;
    }

    private static double share(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT.noticeShare();
        }
        try {
            double share = Double.parseDouble(value.trim());
            if (share >= 0 && share < 0.5) {
                return share;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("EVALBOT_GITHUB_NOTICE_SHARE must be a fraction from 0 to 0.5, got " + value);
    }

    /** Of a window's requests, those only notices may use. */
    int reserved(Window w) {
        return w.requests() < 10 ? 0 : Math.max(1, (int) Math.floor(w.requests() * noticeShare));
    }

    private static Duration seconds(Map<String, String> env, String name, Duration fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double s = Double.parseDouble(value.trim());
            if (s >= 0) {
                return Duration.ofMillis(Math.round(s * 1000));
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(name + " must be a number of seconds, got " + value);
    }

    /** The longest window: how far back sent requests are remembered. */
    Duration horizon() {
        return windows.stream().map(Window::per).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
