package dev.evalbot.app.platform.local;

import dev.evalbot.app.commands.CommandPlatform;
import dev.evalbot.app.commands.Reaction;
import dev.evalbot.app.event.PullRequestRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintainer commands in the dry-run: replies, reactions and closes are logged, not sent. The
 * repository's owner (the first part of {@code owner/name}) is its admin, as on a personal GitHub
 * repository, so the shipped example comment by Codertocat on Codertocat/Hello-World runs; anyone
 * else is a stranger unless the example checkout's {@code .evalbot.yml} lists them.
 */
public final class DryRunCommandPlatform implements CommandPlatform {
    private static final Logger LOG = LoggerFactory.getLogger(DryRunCommandPlatform.class);

    /** A pull request that was never reviewed here has no head: zeros stand in. */
    private static final String NO_HEAD = "0".repeat(40);

    private final Path root;
    private final DryRunPlatform reviews;

    /**
     * @param root the example checkouts, {@code owner/name/} under it (as {@link DryRunPlatform}'s)
     * @param reviews the dry-run's review port, whose last review of a pull request a comment's commands act on
     */
    public DryRunCommandPlatform(Path root, DryRunPlatform reviews) {
        this.root = root;
        this.reviews = reviews;
    }

    /** A comment names no head: the pull request as its last review saw it, else at a head of zeros. */
    @Override
    public PullRequestRef pullRequest(PullRequestRef named) {
        return reviews.lastReviewed(named.subject()).orElseGet(() -> named.at(NO_HEAD, null, null));
    }

    @Override
    public void react(PullRequestRef pr, String commentId, Reaction reaction) {
        LOG.info("dry-run: would react {} to comment {} on {}", reaction, commentId, pr.subject());
    }

    @Override
    public void reply(PullRequestRef pr, String body) {
        LOG.info("dry-run: would reply on {}: {}", pr.subject(), body.lines().findFirst().orElse(""));
    }

    @Override
    public String permission(PullRequestRef pr, String login) {
        String owner = pr.repo().substring(0, Math.max(0, pr.repo().indexOf('/')));
        return owner.equalsIgnoreCase(login) ? "admin" : "none";
    }

    @Override
    public Optional<byte[]> readRepoConfig(PullRequestRef pr, int maxBytes) {
        Path dir = root.resolve(pr.repo()).normalize();
        Path file = dir.resolve(".evalbot.yml");
        if (!dir.startsWith(root.normalize()) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(in.readNBytes(maxBytes + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close(PullRequestRef pr, String reason) {
        LOG.info("dry-run: would close {} ({})", pr.subject(), reason);
    }
}
