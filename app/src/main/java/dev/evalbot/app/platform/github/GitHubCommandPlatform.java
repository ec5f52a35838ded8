package dev.evalbot.app.platform.github;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.evalbot.app.commands.CommandPlatform;
import dev.evalbot.app.commands.Reaction;
import dev.evalbot.app.event.PullRequestRef;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHPermissionType;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.ReactionContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command port on GitHub, with github-api objects wired from the {@code issue_comment}
 * payload (no request to find the comment, issue or repository). Lives beside
 * {@link GitHubPlatform} to share its connector and retry advice.
 */
public final class GitHubCommandPlatform implements CommandPlatform {
    private static final Logger LOG = LoggerFactory.getLogger(GitHubCommandPlatform.class);
    public static final String CONFIG_PATH = ".evalbot.yml";

    /** What the comment payload lacks and the review needs: the pull request's head and base. */
    public record Head(String sha, String baseSha, String baseRef) {}

    private final GitHubCalls calls;
    /** Parsed payloads per delivery, so one comment's calls parse it once (weak keys: identity). */
    private final Cache<GitHubPayload, GHEventPayload.IssueComment> wired =
            Caffeine.newBuilder().weakKeys().maximumSize(1_000).build();

    public GitHubCommandPlatform(GitHubSettings settings, GitHubAuth auth, HttpClient http, MeterRegistry meters,
            Clock clock) {
        this.calls = new GitHubCalls(settings, auth, http, meters, clock);
    }

    /** Fetches the pull request the comment is on (one request): its head and base. */
    public Head head(GitHubPayload payload, int number) {
        return calls.call(() -> {
            GHPullRequest pull = wired(payload).getRepository().getPullRequest(number);
            return new Head(pull.getHead().getSha(), pull.getBase().getSha(), pull.getBase().getRef());
        });
    }

    @Override
    public void react(PullRequestRef pr, String commentId, Reaction reaction) {
        calls.call(() -> {
            GHIssueComment comment = wired(payload(pr)).getComment();
            if (!Long.toString(comment.getId()).equals(commentId)) {
                throw new IllegalArgumentException("comment " + commentId + " is not the payload's comment");
            }
            comment.createReaction(switch (reaction) {
                case EYES -> ReactionContent.EYES;
                case PLUS_ONE -> ReactionContent.PLUS_ONE;
                case MINUS_ONE -> ReactionContent.MINUS_ONE;
            });
            return null;
        });
    }

    @Override
    public void reply(PullRequestRef pr, String body) {
        calls.call(() -> wired(payload(pr)).getIssue().comment(body));
    }

    @Override
    public String permission(PullRequestRef pr, String login) {
        return calls.call(() -> {
            try {
                // github-api reads the "permission" field, where GitHub reports maintain as write.
                GHPermissionType type = wired(payload(pr)).getRepository().getPermission(login);
                return type == null ? "none" : type.name().toLowerCase(Locale.ROOT);
            } catch (GHFileNotFoundException notACollaborator) {
                return "none";
            }
        });
    }

    @Override
    public Optional<byte[]> readRepoConfig(PullRequestRef pr, int maxBytes) {
        return calls.call(() -> {
            GHContent content;
            try {
                content = wired(payload(pr)).getRepository().getFileContent(CONFIG_PATH); // the default branch
            } catch (GHFileNotFoundException none) {
                return Optional.empty();
            }
            if (!content.isFile()) {
                LOG.warn("{}: {} is not a file; ignored", pr.repo(), CONFIG_PATH);
                return Optional.empty();
            }
            if (content.getSize() > maxBytes) {
                return Optional.of(new byte[maxBytes + 1]); // the parser refuses it as too large
            }
            try (InputStream in = content.read()) {
                return Optional.of(in.readNBytes(maxBytes + 1));
            }
        });
    }

    @Override
    public void close(PullRequestRef pr, String reason) {
        calls.call(() -> {
            wired(payload(pr)).getIssue().close();
            return null;
        });
    }

    private static GitHubPayload payload(PullRequestRef pr) {
        if (pr.payload() instanceof GitHubPayload p && "issue_comment".equals(p.event())) {
            return p;
        }
        throw new IllegalArgumentException("GitHub commands need the issue_comment payload, got " + pr.payload());
    }

    private GHEventPayload.IssueComment wired(GitHubPayload payload) throws IOException {
        GHEventPayload.IssueComment cached = wired.getIfPresent(payload);
        if (cached != null) {
            return cached;
        }
        GHEventPayload.IssueComment parsed = GitHubPlatform.parsePayload(calls.client(payload.installationId()), payload,
                GHEventPayload.IssueComment.class);
        wired.put(payload, parsed);
        return parsed;
    }
}
