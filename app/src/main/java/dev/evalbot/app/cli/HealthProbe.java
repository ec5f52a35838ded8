package dev.evalbot.app.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The container health check: GET /healthz on the local port; exit 0 when it answers 200. */
public final class HealthProbe {
    private HealthProbe() {}

    public static void main(String[] args) {
        String port = System.getenv().getOrDefault("PORT", System.getenv().getOrDefault("EVALBOT_PORT", "8080"));
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            System.exit(r.statusCode() == 200 ? 0 : 1);
        } catch (Exception e) {
            System.exit(1);
        }
    }
}
