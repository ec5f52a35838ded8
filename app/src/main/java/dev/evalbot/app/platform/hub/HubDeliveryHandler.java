package dev.evalbot.app.platform.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.inbox.Delivery;
import dev.evalbot.app.inbox.DeliveryHandler;
import dev.evalbot.app.inbox.Outcome;
import dev.evalbot.app.review.PullContext;
import dev.evalbot.app.review.PullRequestClosed;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.server.PlatformEvents;
import dev.evalbot.app.server.PullRequestDeliveryHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Does the work of one accepted Hub delivery: the shared {@link PullRequestDeliveryHandler} with
 * the Hub's reading of its payloads.
 */
public final class HubDeliveryHandler implements DeliveryHandler {
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

    private final PullRequestDeliveryHandler path;

    public HubDeliveryHandler(HubPlatform platform, ReviewPipeline pipeline, PullRequestClosed closed,
            CommandRunner commands) {
        this(platform, pipeline, closed, commands, PullContext.NONE);
    }

    /** @param context what maintainers said, which every review keeps showing (the command history) */
    public HubDeliveryHandler(HubPlatform platform, ReviewPipeline pipeline, PullRequestClosed closed,
            CommandRunner commands, PullContext context) {
        this(platform, pipeline, closed, commands, context, new SimpleMeterRegistry());
    }

    /** @param meters counts reviews by outcome ({@code evalbot.reviews}) */
    public HubDeliveryHandler(HubPlatform platform, ReviewPipeline pipeline, PullRequestClosed closed,
            CommandRunner commands, PullContext context, MeterRegistry meters) {
        this.path = new PullRequestDeliveryHandler(platform, pipeline, closed, context, new Events(platform, commands), meters);
    }

    @Override
    public Outcome handle(Delivery d) throws Exception {
        return path.handle(d);
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

    /** The Hub's payloads: discussion events name no head; there are no statuses to announce a retry with. */
    private static final class Events implements PlatformEvents {
        private final HubPlatform platform;
        private final CommandRunner commands;
        private final ObjectMapper json = new ObjectMapper();

        Events(HubPlatform platform, CommandRunner commands) {
            this.platform = platform;
            this.commands = commands;
        }

        private HubEvent event(Delivery d) throws IOException {
            return HubEvent.parse(json.readTree(d.payload()));
        }

        @Override
        public PullRequestRef reviewed(Delivery d) throws IOException {
            // The pipeline pins the review to the head refs/pr/N has now (a discussion event names
            // no sha, and a push may be out of date).
            return ref(d, event(d));
        }

        @Override
        public boolean pendingOnRetry() {
            return false;
        }

        @Override
        public Outcome command(Delivery d) throws IOException {
            HubEvent e = event(d);
            return platform.isMe(e.commentAuthorId()) ? Outcome.done() : commands.run(d, e, ref(d, e));
        }

        @Override
        public Optional<Closing> closing(Delivery d) throws IOException {
            HubEvent e = event(d);
            if ("merged".equals(e.status()) || "closed".equals(e.status())) {
                return Optional.of(new Closing(ref(d, e), "merged".equals(e.status())));
            }
            return Optional.empty();
        }
    }
}
