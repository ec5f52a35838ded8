package dev.evalbot.app.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.server.EvalbotServer;
import dev.evalbot.app.server.ServerSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuditRouteTest {
    static final String TOKEN = "admin-s3cret";
    final HttpClient http = HttpClient.newHttpClient();
    final MemoryCommandAudit audit = new MemoryCommandAudit();
    EvalbotServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private void start(String token) {
        var settings = new ServerSettings("127.0.0.1", 0, 1024, token);
        server = new EvalbotServer(settings, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> true)
                .get(AuditRoute.PATH, new AuditRoute(PlatformModules.known(), audit, settings.adminToken(),
                        new ObjectMapper())).start();
    }

    private HttpResponse<String> get(String query, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + AuditRoute.PATH + query));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsTheRepositorysCommandsNewestFirstWithTheToken() throws Exception {
        audit.record(new AuditEntry("alice", "approve", "ok", Instant.parse("2026-11-25T16:40:00Z"), "github", "o/r", 2,
                AuditEntry.DONE, null));
        audit.record(new AuditEntry("bob", "hide", "", Instant.parse("2026-11-25T16:41:00Z"), "github", "o/r", 3,
                AuditEntry.REFUSED, "not a maintainer"));
        audit.record(new AuditEntry("carol", "hide", "", Instant.parse("2026-11-25T16:42:00Z"), "github", "o/other", 3,
                AuditEntry.DONE, null));
        start(TOKEN);
        var response = get("?repo=o/r", "Bearer " + TOKEN);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode list = new ObjectMapper().readTree(response.body());
        assertEquals(List.of("bob", "alice"), List.of(list.get(0).path("actor").asText(), list.get(1).path("actor").asText()));
        assertEquals("2026-11-25T16:40:00Z", list.get(1).path("at").asText());
        assertEquals("not a maintainer", list.get(0).path("reason").asText());
        assertEquals(2, list.size());
    }

    @Test
    void withoutTheRightTokenIs401() throws Exception {
        start(TOKEN);
        assertEquals(401, get("?repo=o/r", null).statusCode());
        assertEquals(401, get("?repo=o/r", "Bearer wrong").statusCode());
        assertEquals(401, get("?repo=o/r", "Bearer " + TOKEN + "x").statusCode());
        assertEquals(401, get("?repo=o/r", TOKEN).statusCode());
        assertEquals("Bearer", get("?repo=o/r", null).headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void withoutAConfiguredTokenTheRouteIsNotThere() throws Exception {
        start(null);
        assertEquals(404, get("?repo=o/r", "Bearer " + TOKEN).statusCode());
        assertEquals(404, get("?repo=o/r", "Bearer ").statusCode());
        assertEquals("{\"status\":404,\"message\":\"the audit API is disabled: set EVALBOT_ADMIN_TOKEN to enable it\"}",
                get("?repo=o/r", null).body());
    }

    @Test
    void badQueriesAre400() throws Exception {
        start(TOKEN);
        assertEquals(400, get("", "Bearer " + TOKEN).statusCode());
        assertEquals(400, get("?repo=no-slash", "Bearer " + TOKEN).statusCode());
        assertEquals(400, get("?repo=o/r&platform=gitlab", "Bearer " + TOKEN).statusCode());
        assertEquals(400, get("?repo=o/r&limit=0", "Bearer " + TOKEN).statusCode());
        assertEquals(200, get("?repo=o/r&platform=hub&limit=5", "Bearer " + TOKEN).statusCode());
    }
}
