package dev.evalbot.rules.model;

/**
 * The {@code source:} block of a results entry; absent fields are null. {@code user} and
 * {@code org} are the Hub user and organisation the result is attributed to (the official
 * client's {@code source_user} and {@code source_org}).
 */
public record Source(String url, String name, String user, String org) {
    /** Who the result is attributed to, as shown beside the source: the org, else the user; or null. */
    public String attribution() {
        return org != null && !org.isBlank() ? org : user != null && !user.isBlank() ? user : null;
    }
}
