package dev.evalbot.app.platform.hub;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the Hub spells a repository in its API and on the web, and how revisions and paths are encoded. */
final class HubPaths {
    private HubPaths() {}

    /** {@code /api/models/owner/name}, {@code /api/datasets/owner/name}, {@code /api/spaces/owner/name}. */
    static String api(String repoType, String repo) {
        return "/api/" + plural(repoType) + "/" + segments(repo);
    }

    /** {@code /owner/name} for models, {@code /datasets/owner/name} and {@code /spaces/owner/name} otherwise. */
    static String web(String repoType, String repo) {
        String type = normalise(repoType);
        return (type.equals("model") ? "" : "/" + plural(type)) + "/" + segments(repo);
    }

    /** The git ref of pull request {@code number}. */
    static String prRef(int number) {
        return "refs/pr/" + number;
    }

    /** A revision as one path segment: {@code refs/pr/7} becomes {@code refs%2Fpr%2F7}. */
    static String rev(String rev) {
        return component(rev);
    }

    /** A repository path with each segment encoded and the slashes kept. */
    static String segments(String path) {
        List<String> parts = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            parts.add(component(segment));
        }
        return String.join("/", parts);
    }

    static String plural(String repoType) {
        return normalise(repoType) + "s";
    }

    private static String normalise(String repoType) {
        String t = repoType == null ? "model" : repoType.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "dataset", "datasets" -> "dataset";
            case "space", "spaces" -> "space";
            default -> "model";
        };
    }

    private static String component(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
