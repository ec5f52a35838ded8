package dev.evalbot.app.review;

/**
 * What the trust checks say about one entry, ready to show.
 *
 * @param tier verified, author or community
 * @param tierReason why the tier is not higher, or null
 * @param token the verifyToken's state ("verified", "none", "skipped (offline)", or the failure)
 * @param source the source check's state ("reachable", "not found", "skipped (offline)", ...)
 */
public record EntryStatus(String tier, String tierReason, String token, String source) {
    public static EntryStatus offline(boolean hasToken, boolean hasSource) {
        return new EntryStatus("community", hasToken ? "token not checked (offline)" : "no verifyToken",
                hasToken ? "skipped (offline)" : "none", hasSource ? "skipped (offline)" : "none");
    }
}
