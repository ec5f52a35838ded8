package dev.evalbot.app.commands;

import java.util.Objects;
import java.util.Set;

/** What came of one command. */
public sealed interface CommandResult {
    /**
     * It took effect.
     *
     * @param reply text for the reply comment (help), or null
     * @param followUps what the engine does once for the whole comment afterwards
     */
    record Done(String reply, Set<FollowUp> followUps) implements CommandResult {
        public Done {
            followUps = Set.copyOf(followUps);
        }
    }

    /** The person may not run it. */
    record Refused(String why) implements CommandResult {
        public Refused {
            Objects.requireNonNull(why, "why");
        }
    }

    /** It could not be done (bad arguments, unknown command, the platform said no). */
    record Failed(String why) implements CommandResult {
        public Failed {
            Objects.requireNonNull(why, "why");
        }
    }

    static Done done(FollowUp... followUps) {
        return new Done(null, Set.of(followUps));
    }

    /** Follow-ups are gathered so that "approve" and "hide" in one comment cost one review. */
    enum FollowUp {
        /** Review again so that the comment, labels and status show the decision. */
        REVIEW,
        /** Review again, bypassing the trust caches. */
        FRESH_REVIEW,
        /** Rebuild the leaderboards the pull request feeds. */
        REFRESH_BOARDS
    }
}
