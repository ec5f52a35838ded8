package dev.evalbot.app.server.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.inbox.Delivery;
import dev.evalbot.app.inbox.DeliveryHandler;
import dev.evalbot.app.inbox.Outcome;
import dev.evalbot.app.platform.PlatformException;
import dev.evalbot.app.platform.PullRequestRef;
import dev.evalbot.app.platform.hub.HubPlatform;
import dev.evalbot.app.review.PullContext;
import dev.evalbot.app.review.PullRequestClosed;
import dev.evalbot.app.review.ReviewPipeline;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Does the work of one accepted Hub delivery, after the webhook was answered. */
public final class HubDeliveryHandler implements DeliveryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HubDeliveryHandler.class);
    /** A PR's target when the event does not name it (pushes to refs/pr/N carry no discussion). */
    static final String DEFAULT_BASE = "refs/heads/main";


    /** What happens on a {@code /evalbot} comment; the command engine lives elsewhere. */
    public interface CommandRunner {
        CommandRunner IGNORE = (delivery, event, pr) -> Outcome.done();

        /**
         * @param event the parsed payload (comment id, author id, content)
         * @param pr the pull request, head sha unresolved (null)
         */
        Outcome run(Delivery delivery, HubEvent event, PullRequestRef pr);
    }

    private final HubPlatform platform;
    private final ReviewPipeline pipeline;
    private final PullContext context;
    private final PullRequestClosed closed;
    private final CommandRunner commands;
    private final ObjectMapper json = new ObjectMapper();

    public HubDeliveryHandler(HubPlatform platform, ReviewPipeline pipeline, PullRequestClosed closed,
            CommandRunner commands) {
        this(platform, pipeline, closed, commands, PullContext.NONE);
    }

    /** @param context what maintainers said, which every review keeps showing (the command history) */
    public HubDeliveryHandler(HubPlatform platform, ReviewPipeline pipeline, PullRequestClosed closed,
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
        HubEvent e = HubEvent.parse(root);
        try {
            PullRequestRef pr = ref(d, e);
            return switch (d.kind()) {
                case REVIEW -> {
                    // The pipeline pins the review to the head refs/pr/N has now (a discussion event
                    // names no sha, and a push may be out of date). The Hub has no statuses, so
                    // there is no pending status to announce.
                    pipeline.review(platform, pr, context.history(pr), context.approved(pr), false, false);
                    yield Outcome.done();
                }
                case COMMAND -> platform.isMe(e.commentAuthorId()) ? Outcome.done() : commands.run(d, e, pr);
                case OTHER -> {
                    if ("merged".equals(e.status()) || "closed".equals(e.status())) {
                        closed.closed(pr, "merged".equals(e.status()));
                    }
                    yield Outcome.done();
                }
            };
        } catch (PlatformException failure) {
            LOG.warn("hub {} for {} failed (attempt {}): {}", d.event(), d.subject(), d.attempt(), failure.getMessage());
            return failure.retryable() ? new Outcome.Retry(null, failure.notBefore(), failure.getMessage())
                    : Outcome.fail(failure.getMessage());
        }
    }

    /**
     * The pull request a delivery is about. The number comes from the subject ({@code hub:owner/name#N}),
     * since one push may name several PRs; the head from the delivery. {@code baseSha} holds the
     * base ref: the Hub reads files by any revision, and the PR's target branch is what a changed
     * eval.yaml is compared with.
     */
    public static PullRequestRef ref(Delivery d, HubEvent e) {
        int number = Integer.parseInt(d.subject().substring(d.subject().lastIndexOf('#') + 1));
        String base = e.baseRef() != null ? e.baseRef() : DEFAULT_BASE;
        return new PullRequestRef("hub", e.repo(), e.repoType(), number, d.headSha(), base, base, e.authorId(),
                Set.of(), e);
    }

}
