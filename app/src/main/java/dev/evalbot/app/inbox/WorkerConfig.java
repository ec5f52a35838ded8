package dev.evalbot.app.inbox;

import java.time.Duration;
import java.util.Map;

/**
 * @param threads deliveries handled at once (different subjects only)
 * @param pollInterval longest idle wait: work that no signal announces (accepted by another replica,
 *     replayed from the CLI) is found within this
 * @param shutdownGrace how long a clean shutdown lets running deliveries finish
 * @param pruneInterval how often completed deliveries past their retention are deleted
 */
public record WorkerConfig(int threads, Duration pollInterval, Duration shutdownGrace, Duration pruneInterval) {
    public static final WorkerConfig DEFAULT = new WorkerConfig(4, Duration.ofSeconds(2), Duration.ofSeconds(30),
            Duration.ofHours(1));

    public WorkerConfig {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one worker thread");
        }
        if (pollInterval.toMillis() < 1 || shutdownGrace.isNegative() || pruneInterval.toMillis() < 1) {
            throw new IllegalArgumentException("worker durations must be positive");
        }
    }

    /** The most review workers {@code EVALBOT_WORKERS} may ask for. */
    public static final int MAX_THREADS = 64;

    /**
     * The defaults with {@code EVALBOT_WORKERS} review workers when it is set. Four suits two cores:
     * reviews wait on the platform's API as much as they compute. Fewer leave more of the cores to
     * the webhook replies under a steady flood (reply p99 at 500/s: 16-17 ms with two workers,
     * 16-41 ms with four), more review a burst of new pull requests sooner (first delivery to final
     * status at 200/s: p50 0.75-0.80 s with four, 0.94-1.17 s with two); see the README.
     */
    public static WorkerConfig fromEnvironment(Map<String, String> env) {
        String value = env.get("EVALBOT_WORKERS");
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= MAX_THREADS) {
                return DEFAULT.withThreads(n);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(
                "EVALBOT_WORKERS must be a whole number from 1 to " + MAX_THREADS + ", got " + value);
    }

    public WorkerConfig withThreads(int n) {
        return new WorkerConfig(n, pollInterval, shutdownGrace, pruneInterval);
    }
}
