package dev.evalbot.app.board;

import dev.evalbot.app.event.KnownPlatform;
import dev.evalbot.app.event.KnownPlatforms;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a model repository lives on its platform, for links from the leaderboards, and which
 * platform a bare model name means: the platforms other than the default one (GitHub, whose
 * repositories hold results for models named as on the Hub) first, in their order, then the default.
 */
final class ModelLinks {
    private final KnownPlatforms platforms;
    private final List<String> preferred;

    ModelLinks(KnownPlatforms platforms) {
        this.platforms = platforms;
        List<String> order = new ArrayList<>(platforms.codes());
        order.add(order.remove(0));
        this.preferred = List.copyOf(order);
    }

    /** The repository's page, or null for a platform evalbot does not know. */
    String url(String platform, String repo) {
        Optional<KnownPlatform> known = platforms.find(platform);
        if (known.isEmpty() || repo == null || !repo.matches("[^/]+/[^/]+")) {
            return null;
        }
        return known.get().repoUrl("model", repo);
    }

    /** The model's name, linked to its repository on its platform when that is known. */
    String name(String platform, String repo) {
        String url = url(platform, repo);
        String name = "<bdi>" + Html.text(repo) + "</bdi>";
        return url == null ? name : "<a class=\"model\" href=\"" + Html.text(url)
                + "\" rel=\"nofollow ugc noopener noreferrer\">" + name + "</a>";
    }

    /** The codes a badge without {@code ?platform=} tries, in order. */
    List<String> preferred() {
        return preferred;
    }

    /** Where a bare model name lives: its rows carry no platform mark, its badges no {@code ?platform=}. */
    boolean home(String platform) {
        return preferred.get(0).equals(platform);
    }

    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
