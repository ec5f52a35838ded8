package dev.evalbot.app.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The {@code evalbot_webhooks_total} counter of every webhook route, with its help text. */
public final class WebhookOutcomes {
    private WebhookOutcomes() {}

    public static Counter counter(MeterRegistry meters, String platform, String outcome) {
        return Counter.builder("evalbot.webhooks")
                .description("webhook requests answered, by platform and outcome (accepted, duplicate, ignored, refused...)")
                .tags("platform", platform, "outcome", outcome).register(meters);
    }
}
