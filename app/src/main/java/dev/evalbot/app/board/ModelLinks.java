package dev.evalbot.app.board;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where a model repository lives on its platform, for links from the leaderboards. */
final class ModelLinks {
    private ModelLinks() {}

    /** The repository's page, or null for a platform evalbot does not know. */
    static String url(String platform, String repo) {
        String base = switch (platform) {
            case "hub" -> "https://huggingface.co/";
            case "github" -> "https://github.com/";
            default -> null;
        };
        if (base == null || repo == null || !repo.matches("[^/]+/[^/]+")) {
            return null;
        }
        StringBuilder out = new StringBuilder(base);
        String[] parts = repo.split("/");
        out.append(segment(parts[0])).append('/').append(segment(parts[1]));
        return out.toString();
    }

    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
