package dev.evalbot.app.platform.hub;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.review.PlatformException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What an operator reads when the Hub cannot be reached: where evalbot tried, and what the metric means. */
class HubHttpMessagesTest {
    @Test
    void aConnectionErrorNamesTheEndpointAndTheMetricHasItsHelp() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // nothing listens there once the socket is closed
        }
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HubPlatform hub = new HubPlatform(new HubSettings("s", "http://127.0.0.1:" + closed, "t"),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), meters, Clock.systemUTC());
        PlatformException e = assertThrows(PlatformException.class,
                () -> hub.changedFiles(HubPipelineTest.pr("model", "org/model", 1, "0".repeat(40)), 10));
        assertTrue(e.getMessage().startsWith("cannot reach the Hub at http://127.0.0.1:" + closed + " ("), e.getMessage());
        String scrape = meters.scrape();
        assertTrue(scrape.contains("# HELP evalbot_hub_requests_total Hugging Face Hub API requests, by operation and "
                + "outcome\n"), scrape);
        assertTrue(scrape.contains("outcome=\"io\""), scrape);
    }
}
