package dev.evalbot.rules.tier;

import java.util.Locale;
import java.util.Optional;

/**
 * How much a reported score is trusted (spec section 3). Declaration order is trust, most trusted
 * first, so {@code compareTo} and {@code ordinal()} sort the most trusted tier first.
 */
public enum Tier {
    /** The entry carries a verifyToken that verifies, wherever the entry lives. */
    VERIFIED,
    /** Merged to the model repository's main branch, without a valid token. */
    AUTHOR,
    /** In an open pull request, not merged, without a valid token. */
    COMMUNITY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean moreTrustedThan(Tier other) {
        return ordinal() < other.ordinal();
    }

    /**
     * The tier of an entry. A closed PR still has a tier (its entries stay in history); whether it
     * is shown is eligibility, not trust.
     */
    public static Tier of(boolean tokenVerified, PrState state) {
        if (tokenVerified) {
            return VERIFIED;
        }
        return state == PrState.MERGED ? AUTHOR : COMMUNITY;
    }

    /** The tier once the PR is merged: a verified entry stays verified, the rest become author. */
    public Tier afterMerge() {
        return this == VERIFIED ? VERIFIED : AUTHOR;
    }

    public static Optional<Tier> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Tier t : values()) {
            if (t.label().equalsIgnoreCase(text.trim())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
