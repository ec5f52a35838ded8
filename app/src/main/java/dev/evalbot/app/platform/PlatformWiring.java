package dev.evalbot.app.platform;

import dev.evalbot.app.dispatch.Lane;
import dev.evalbot.app.reconcile.PullSource;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Optional;

/**
 * What a platform brings once it is wired, for the root to mount and start.
 *
 * @param webhookPath where its intake answers, e.g. {@code /webhooks/github}
 * @param intake the webhook route: verifies, reads the payload into events, commits them to the inbox
 * @param lane what the dispatcher needs to do the work of its deliveries
 * @param pullSource where the reconciler lists its open pull requests, if it can
 * @param background started after the server answers (warm-ups); none by default
 */
public record PlatformWiring(String webhookPath, Handler intake, Lane lane, Optional<PullSource> pullSource,
        List<Runnable> background) {
    public PlatformWiring {
        background = List.copyOf(background);
    }
}
