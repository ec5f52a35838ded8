package dev.evalbot.app.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** What a {@link DeliveryHandler} made of one attempt. */
public sealed interface Outcome {
    /** Finished: the delivery is complete. */
    record Done() implements Outcome {}

    /**
     * Try again later. The inbox waits the exponential backoff for this attempt and at least
     * {@code after} and until {@code notBefore}, whichever is latest (each may be null). After the
     * last allowed attempt the delivery is dead-lettered with {@code reason}.
     */
    record Retry(Duration after, Instant notBefore, String reason) implements Outcome {
        public Retry {
            Objects.requireNonNull(reason, "reason");
            if (after != null && after.isNegative()) {
                throw new IllegalArgumentException("retry delay must not be negative");
            }
        }
    }

    /**
     * Not an attempt: the platform's rate budget has no room before {@code until}. Due again then,
     * without the backoff, and without using up one of the delivery's attempts.
     */
    record Wait(Instant until, String reason) implements Outcome {
        public Wait {
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Failed for good (nothing will change by retrying): dead-lettered at once with {@code reason}. */
    record Fail(String reason) implements Outcome {
        public Fail {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Outcome done() {
        return new Done();
    }

    /** Retry with the inbox's backoff alone. */
    static Outcome retry(String reason) {
        return new Retry(null, null, reason);
    }

    /** Retry no sooner than {@code after} from now, e.g. from a {@code Retry-After} header. */
    static Outcome retryAfter(Duration after, String reason) {
        return new Retry(after, null, reason);
    }

    static Outcome fail(String reason) {
        return new Fail(reason);
    }
}
