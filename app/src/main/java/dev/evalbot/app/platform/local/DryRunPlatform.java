package dev.evalbot.app.platform.local;

import dev.evalbot.app.event.PullHead;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.ChangedPath;
import dev.evalbot.app.review.CommitState;
import dev.evalbot.app.review.Links;
import dev.evalbot.app.review.Platform;
import dev.evalbot.rules.check.FileKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform used when no credentials are configured: a pull request on {@code owner/name}
 * changes the files of the local checkout {@code <root>/owner/name} (the shipped examples by
 * default), and every write is logged and kept in memory instead of being sent. It lets the
 * whole path run on a fresh machine with no account and no network.
 */
public final class DryRunPlatform implements Platform {
    private static final Logger LOG = LoggerFactory.getLogger(DryRunPlatform.class);

    private final Path root;
    private final String name;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, String> comments = new ConcurrentHashMap<>();
    /** The last pull request reviewed per subject: a comment's delivery names no head. */
    private final Map<String, PullRequestRef> reviewed = new ConcurrentHashMap<>();

    public DryRunPlatform(String name, Path root) {
        this.name = name;
        this.root = root;
    }

    @Override
    public String name() {
        return name;
    }

    private Path checkout(PullRequestRef pr) {
        Path dir = root.resolve(pr.repo()).normalize();
        if (!dir.startsWith(root.normalize())) {
            throw new IllegalArgumentException("repository name escapes the dry-run root: " + pr.repo());
        }
        return dir;
    }

    @Override
    public List<ChangedPath> changedFiles(PullRequestRef pr, int cap) {
        Path dir = checkout(pr);
        if (!Files.isDirectory(dir)) {
            LOG.info("dry-run: no local checkout {} for {}; nothing to review", dir, pr.subject());
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> FileKind.ofRepoPath(p) != FileKind.OTHER)
                    .sorted().limit(cap)
                    .map(p -> new ChangedPath(p, ChangedPath.Status.ADDED, null)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, byte[]> read(PullRequestRef pr, String rev, List<String> paths, int maxBytes) {
        Map<String, byte[]> out = new HashMap<>();
        Path dir = checkout(pr);
        for (String p : paths) {
            Path file = dir.resolve(p).normalize();
            if (file.startsWith(dir) && Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    out.put(p, in.readNBytes(maxBytes + 1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    /** A local checkout has one state: the head is the one the delivery names. */
    @Override
    public PullHead currentHead(PullRequestRef pr) {
        reviewed.put(pr.subject(), pr);
        return PullHead.asDelivered(pr);
    }

    /** The pull request as its last review saw it, for the maintainers' commands on it. */
    public Optional<PullRequestRef> lastReviewed(String subject) {
        return Optional.ofNullable(reviewed.get(subject));
    }

    @Override
    public Optional<String> findOwnComment(PullRequestRef pr, String marker) {
        return comments.entrySet().stream().filter(e -> e.getKey().startsWith(pr.subject() + "/"))
                .map(Map.Entry::getKey).findFirst();
    }

    @Override
    public String createComment(PullRequestRef pr, String body) {
        String id = pr.subject() + "/" + ids.incrementAndGet();
        comments.put(id, body);
        LOG.info("dry-run: would post the review comment on {} ({} chars)", pr.subject(), body.length());
        return id;
    }

    @Override
    public String updateComment(PullRequestRef pr, String commentId, String body) {
        comments.put(commentId, body);
        LOG.info("dry-run: would update the review comment on {} ({} chars)", pr.subject(), body.length());
        return commentId;
    }

    @Override
    public void setLabels(PullRequestRef pr, Set<String> add, Set<String> remove) {
        LOG.info("dry-run: labels on {}: add {} remove {}", pr.subject(), add, remove);
    }

    @Override
    public void setStatus(PullRequestRef pr, String sha, CommitState state, String description) {
        LOG.info("dry-run: status evalbot/review on {}: {} ({})", pr.subject(), state, description);
    }

    @Override
    public Links links(PullRequestRef pr) {
        return Links.NONE;
    }

    /** Comments "posted" so far, for tests and the quick start. */
    public List<String> comments() {
        return new ArrayList<>(comments.values());
    }
}
