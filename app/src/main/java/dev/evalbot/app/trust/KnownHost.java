package dev.evalbot.app.trust;

import java.util.Optional;

/**
 * A site whose links have a shape worth checking more sharply than "does it answer": an arXiv
 * id, a Hub or GitHub repository. One implementation per kind of host.
 */
interface KnownHost {

    /** Whether this link is one of this host's kind (e.g. an arXiv abstract page). */
    boolean handles(SourceUrl url);

    /** What the link's syntax alone says; empty when it looks right. Needs no network. */
    Optional<SourceCheck> checkSyntax(SourceUrl url);

    /** Whether the linked thing exists, asked over the network. */
    SourceCheck checkOnline(SourceUrl url, Prober prober);

    /**
     * The same, where the host's API takes the credentials the review has (only GitHub's does).
     *
     * @param githubAuthorization an Authorization header for the GitHub API, or null
     */
    default SourceCheck checkOnline(SourceUrl url, Prober prober, String githubAuthorization) {
        return checkOnline(url, prober);
    }
}
