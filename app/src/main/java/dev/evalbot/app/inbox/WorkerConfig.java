package dev.evalbot.app.inbox;

import java.time.Duration;

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

    public WorkerConfig withThreads(int n) {
        return new WorkerConfig(n, pollInterval, shutdownGrace, pruneInterval);
    }
}
