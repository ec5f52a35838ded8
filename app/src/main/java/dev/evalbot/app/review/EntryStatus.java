package dev.evalbot.app.review;

/**
 * What the trust checks say about one entry, ready to show.
 *
 * @param tier verified, author or community
 * @param tierReason why the tier is not higher, or null
 * @param token the verifyToken's state ("verified", "none", "skipped (offline)", or the failure)
 * @param source the source check's state ("reachable", "not found", "skipped (offline)", ...)
 * @param log what the log the source cites says ({@code log: success, model ..., task ..., choice/accuracy =
 *     0.412}) or why it was not read; null when the source names no log
 * @param logChecked the cited log agrees with the entry: the "log-checked" mark, below verified
 *     (a signed token) and above a bare community report
 */
public record EntryStatus(String tier, String tierReason, String token, String source, String log, boolean logChecked) {
    public static final String LOG_CHECKED = "log-checked";

    public EntryStatus(String tier, String tierReason, String token, String source) {
        this(tier, tierReason, token, source, null, false);
    }

    /** The tier as shown: "community · log-checked" when the cited log agrees. */
    public String shownTier() {
        return logChecked && !"verified".equals(tier) ? tier + " · " + LOG_CHECKED : tier;
    }

    public static EntryStatus offline(boolean hasToken, boolean hasSource) {
        return new EntryStatus("community", hasToken ? "token not checked (offline)" : "no verifyToken",
                hasToken ? "skipped (offline)" : "none", hasSource ? "skipped (offline)" : "none");
    }
}
