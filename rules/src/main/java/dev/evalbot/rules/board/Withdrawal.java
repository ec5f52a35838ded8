package dev.evalbot.rules.board;

import java.time.Instant;
import java.util.Objects;

/**
 * A report that is off its leaderboard, and why, for the public "Withdrawn" list: hiding a score
 * is visible, and so is who did it.
 *
 * @param entry the report as it was stored
 * @param kind how it left the leaderboard
 * @param by who did it, or null when the trail does not say (e.g. a close evalbot did not witness)
 * @param at when, from the trail; the report's last change when the trail has no matching step
 * @param reason the reason given (command argument, closing comment), or null
 * @param closedBy for a closed PR, whether the submitter or someone else (the model's owner) closed it
 */
public record Withdrawal(BoardEntry entry, Kind kind, String by, Instant at, String reason, ClosedBy closedBy) {
    public enum Kind {
        CLOSED("closed"), REJECTED("rejected"), HIDDEN("hidden");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Only a close has two sides: the submitter withdrawing, or the model's owner closing it. */
    public enum ClosedBy {
        SUBMITTER("submitter"), OWNER("owner"), UNKNOWN("unknown"), NOT_CLOSED("");

        private final String label;

        ClosedBy(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Withdrawal {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(closedBy, "closedBy");
    }
}
