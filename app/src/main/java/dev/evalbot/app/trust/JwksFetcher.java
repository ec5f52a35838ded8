package dev.evalbot.app.trust;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Fetches the text of a remote JWK set; injectable so tests and other transports can stand in. */
@FunctionalInterface
public interface JwksFetcher {

    String fetch(URI url) throws IOException;

    /**
     * The JDK client: no redirects, no proxy, bounded time and size. The URL is the operator's
     * configuration, not user input, so it does not go through the source checker's SSRF guard.
     */
    static JwksFetcher http(TrustConfig.Limits limits) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(limits.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return url -> {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(limits.checkTimeout())
                    .header("Accept", "application/jwk-set+json, application/json").GET().build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(limits.maxJwksBytes() + 1);
                if (bytes.length > limits.maxJwksBytes()) {
                    throw new IOException("larger than " + limits.maxJwksBytes() + " bytes");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        };
    }
}
