package dev.evalbot.app.registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Shapes of Hub ids and revisions. Both end up in a URL path and, for sync, in a file path, so
 * anything outside these shapes is never used there.
 */
final class DatasetIds {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}");
    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{7,40}");

    private DatasetIds() {}

    /** {@code owner/name} as the Hub spells repository ids. */
    static boolean isDatasetId(String id) {
        return id != null && ID.matcher(id).matches() && !id.contains("..");
    }

    /** A branch, tag, {@code refs/pr/N} or commit sha. */
    static boolean isRevision(String revision) {
        return revision != null && REVISION.matcher(revision).matches() && !revision.contains("..")
                && !revision.contains("//") && !revision.endsWith("/");
    }

    /** Commit shas compare case-insensitively; everything else is kept as given. */
    static String normalizeRevision(String revision) {
        return HEX.matcher(revision).matches() ? revision.toLowerCase(Locale.ROOT) : revision;
    }

    /** A full commit sha names content that can never change. */
    static boolean isFullSha(String revision) {
        return revision != null && FULL_SHA.matcher(revision).matches();
    }

    /** One URL path segment: {@code refs/pr/7} becomes {@code refs%2Fpr%2F7}. */
    static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
