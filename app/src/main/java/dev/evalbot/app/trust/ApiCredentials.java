package dev.evalbot.app.trust;

import dev.evalbot.app.event.PullRequestRef;
import java.util.Optional;

/**
 * The Authorization header a source check may send to the GitHub API while it reviews a pull
 * request: the installation's token, so that checks count against the installation's limit
 * (thousands an hour) rather than the 60 an hour an address gets without one. Only ever sent to
 * the configured {@code GITHUB_API_URL} host, never to a redirect elsewhere.
 */
@FunctionalInterface
public interface ApiCredentials {
    ApiCredentials NONE = pr -> Optional.empty();

    Optional<String> githubAuthorization(PullRequestRef pr);
}
