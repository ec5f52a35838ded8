package dev.evalbot.app.store;

/** How far a result is trusted (spec section 3). */
public enum Tier {
    /** Carries a verifyToken that verified. */
    VERIFIED("verified"),
    /** Merged to the model repository's default branch, no valid token. */
    AUTHOR("author"),
    /** In an open pull request, not merged. */
    COMMUNITY("community");

    private final String code;

    Tier(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Tier of(String code) {
        for (Tier t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tier: " + code);
    }
}
