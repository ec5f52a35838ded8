package dev.evalbot.app.server.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.inbox.Delivery;
import dev.evalbot.app.inbox.DeliveryHandler;
import dev.evalbot.app.inbox.Outcome;
import dev.evalbot.app.platform.Platform;
import dev.evalbot.app.platform.PlatformException;
import dev.evalbot.app.platform.PullRequestRef;
import dev.evalbot.app.platform.github.GitHubPayload;
import dev.evalbot.app.review.PullContext;
import dev.evalbot.app.review.PullRequestClosed;
import dev.evalbot.app.review.ReviewPipeline;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Does the work of one accepted GitHub delivery, after the webhook was answered. */
public final class GitHubDeliveryHandler implements DeliveryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(GitHubDeliveryHandler.class);


    /** What happens on a slash-command comment. */
    public interface CommandRunner {
        CommandRunner IGNORE = (delivery, root) -> Outcome.done();

        Outcome run(Delivery delivery, JsonNode root);
    }

    private final Platform platform;
    private final ReviewPipeline pipeline;
    private final PullContext context;
    private final PullRequestClosed closed;
    private final CommandRunner commands;
    private final ObjectMapper json = new ObjectMapper();

    public GitHubDeliveryHandler(Platform platform, ReviewPipeline pipeline, PullRequestClosed closed,
            CommandRunner commands) {
        this(platform, pipeline, closed, commands, PullContext.NONE);
    }

    /** @param context what maintainers said, which every review keeps showing (the command history) */
    public GitHubDeliveryHandler(Platform platform, ReviewPipeline pipeline, PullRequestClosed closed,
            CommandRunner commands, PullContext context) {
        this.platform = platform;
        this.pipeline = pipeline;
        this.closed = closed;
        this.commands = commands;
        this.context = context;
    }

    @Override
    public Outcome handle(Delivery d) throws Exception {
        JsonNode root = json.readTree(d.payload());
        GitHubEvent e = GitHubEvent.parse(d.event(), root);
        try {
            return switch (d.kind()) {
                case REVIEW -> {
                    // A retry means the author has waited: say so with a pending status first.
                    PullRequestRef pr = ref(d, e);
                    pipeline.review(platform, pr, context.history(pr), context.approved(pr), d.attempt() > 1, false);
                    yield Outcome.done();
                }
                case COMMAND -> commands.run(d, root);
                case OTHER -> {
                    if ("pull_request".equals(e.event()) && "closed".equals(e.action())) {
                        closed.closed(ref(d, e), e.merged());
                    }
                    yield Outcome.done();
                }
            };
        } catch (PlatformException failure) {
            LOG.warn("{} for {} failed (attempt {}): {}", d.event(), e.subject(), d.attempt(), failure.getMessage());
            return failure.retryable() ? new Outcome.Retry(null, failure.notBefore(), failure.getMessage())
                    : Outcome.fail(failure.getMessage());
        }
    }

    public static PullRequestRef ref(Delivery d, GitHubEvent e) {
        return new PullRequestRef("github", e.repo(), "code", e.number(), e.headSha(), e.baseSha(), e.baseRef(),
                e.author(), e.labels(), new GitHubPayload(d.event(), new String(d.payload(), StandardCharsets.UTF_8),
                        e.installationId()));
    }

}
