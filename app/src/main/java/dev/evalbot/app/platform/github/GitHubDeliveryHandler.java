package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.inbox.Delivery;
import dev.evalbot.app.inbox.DeliveryHandler;
import dev.evalbot.app.inbox.Outcome;
import dev.evalbot.app.review.Platform;
import dev.evalbot.app.review.PullContext;
import dev.evalbot.app.review.PullRequestClosed;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.server.PlatformEvents;
import dev.evalbot.app.server.PullRequestDeliveryHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Does the work of one accepted GitHub delivery: the shared {@link PullRequestDeliveryHandler}
 * with GitHub's reading of its payloads.
 */
public final class GitHubDeliveryHandler implements DeliveryHandler {
    /** What happens on a slash-command comment. */
    public interface CommandRunner {
        CommandRunner IGNORE = (delivery, root) -> Outcome.done();

        Outcome run(Delivery delivery, JsonNode root);
    }

    private final PullRequestDeliveryHandler path;

    public GitHubDeliveryHandler(Platform platform, ReviewPipeline pipeline, PullRequestClosed closed,
            CommandRunner commands) {
        this(platform, pipeline, closed, commands, PullContext.NONE);
    }

    /** @param context what maintainers said, which every review keeps showing (the command history) */
    public GitHubDeliveryHandler(Platform platform, ReviewPipeline pipeline, PullRequestClosed closed,
            CommandRunner commands, PullContext context) {
        this(platform, pipeline, closed, commands, context, new SimpleMeterRegistry());
    }

    /** @param meters counts reviews by outcome ({@code evalbot.reviews}) */
    public GitHubDeliveryHandler(Platform platform, ReviewPipeline pipeline, PullRequestClosed closed,
            CommandRunner commands, PullContext context, MeterRegistry meters) {
        this.path = new PullRequestDeliveryHandler(platform, pipeline, closed, context, new Events(commands), meters);
    }

    @Override
    public Outcome handle(Delivery d) throws Exception {
        return path.handle(d);
    }

    public static PullRequestRef ref(Delivery d, GitHubEvent e) {
        return new PullRequestRef("github", e.repo(), "code", e.number(), e.headSha(), e.baseSha(), e.baseRef(),
                e.author(), e.labels(), new GitHubPayload(d.event(), new String(d.payload(), StandardCharsets.UTF_8),
                        e.installationId()));
    }

    /** GitHub's payloads: the event names the head; statuses exist, so a retry announces itself. */
    private static final class Events implements PlatformEvents {
        private final CommandRunner commands;
        private final ObjectMapper json = new ObjectMapper();

        Events(CommandRunner commands) {
            this.commands = commands;
        }

        @Override
        public PullRequestRef reviewed(Delivery d) throws IOException {
            return ref(d, GitHubEvent.parse(d.event(), json.readTree(d.payload())));
        }

        @Override
        public boolean pendingOnRetry() {
            return true;
        }

        @Override
        public Outcome command(Delivery d) throws IOException {
            return commands.run(d, json.readTree(d.payload()));
        }

        @Override
        public Optional<Closing> closing(Delivery d) throws IOException {
            GitHubEvent e = GitHubEvent.parse(d.event(), json.readTree(d.payload()));
            if ("pull_request".equals(e.event()) && "closed".equals(e.action())) {
                return Optional.of(new Closing(ref(d, e), e.merged()));
            }
            return Optional.empty();
        }
    }
}
