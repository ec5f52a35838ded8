package dev.evalbot.app.platform;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Web addresses of repositories, {@code base + owner/name}, each path segment percent-encoded. */
public final class RepoUrls {
    private RepoUrls() {}

    public static String under(String base, String repo) {
        StringBuilder out = new StringBuilder(base);
        String[] parts = repo.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            out.append(i == 0 ? "" : "/").append(URLEncoder.encode(parts[i], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }
}
