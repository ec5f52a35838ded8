package dev.evalbot.app.review;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The labels the review sets on its own. Labels that evalbot does not own are never touched;
 * the maintainers' decision labels (approved, rejected, hidden) belong to the commands.
 */
public final class OwnedLabels {
    public static final String VALID = "eval/valid";
    public static final String INVALID = "eval/invalid";
    public static final String VERIFIED = "eval/verified";
    public static final String UNVERIFIED = "eval/unverified";
    public static final String APPROVED = "eval/approved";
    public static final String REJECTED = "eval/rejected";
    public static final String HIDDEN = "eval/hidden";

    /** Set by the review on each run; the rest are decisions and stay until a command changes them. */
    public static final Set<String> REVIEW_LABELS = Set.of(VALID, INVALID, VERIFIED, UNVERIFIED);

    /** Label, colour (hex without #), description: created with these when missing. */
    public record Definition(String name, String color, String description) {}

    public static final List<Definition> DEFINITIONS = List.of(
            new Definition(VALID, "0e8a16", "evalbot: every results file is valid"),
            new Definition(INVALID, "d93f0b", "evalbot: a results file has errors"),
            new Definition(VERIFIED, "1d76db", "evalbot: every entry has a verified token"),
            new Definition(UNVERIFIED, "fbca04", "evalbot: a verifyToken failed to verify"),
            new Definition(APPROVED, "0e8a16", "evalbot: approved by a maintainer"),
            new Definition(REJECTED, "b60205", "evalbot: rejected by a maintainer"),
            new Definition(HIDDEN, "cccccc", "evalbot: kept off the leaderboards"));

    private OwnedLabels() {}

    public static Definition definition(String name) {
        return DEFINITIONS.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElse(new Definition(name, "ededed", "evalbot"));
    }

    /** Labels to add and remove so that the review's own labels are exactly {@code desired}. */
    public record Change(Set<String> add, Set<String> remove) {
        public boolean isEmpty() {
            return add.isEmpty() && remove.isEmpty();
        }
    }

    public static Change change(Set<String> current, Set<String> desired) {
        Set<String> add = new HashSet<>(desired);
        add.removeAll(current);
        Set<String> remove = new HashSet<>(current);
        remove.retainAll(REVIEW_LABELS);
        remove.removeAll(desired);
        return new Change(Set.copyOf(add), Set.copyOf(remove));
    }
}
