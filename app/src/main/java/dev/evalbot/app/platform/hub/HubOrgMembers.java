package dev.evalbot.app.platform.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Organisation roles from {@code GET /api/organizations/{org}/members} (paginated with {@code Link}).
 * Each member is {@code {user, type, role?}}; the role ({@code read}, {@code contributor},
 * {@code write}, {@code admin}; also read from {@code roleInOrg}) is shown to tokens allowed to see it,
 * so the bot account should be a member of the organisations it serves. A 404 means the namespace
 * is a user, not an organisation.
 */
final class HubOrgMembers implements HubPermissions.RoleLookup {
    private final HubHttp http;

    public HubOrgMembers(HubSettings settings, HttpClient http, MeterRegistry meters, Clock clock) {
        this.http = new HubHttp(settings, http, meters, clock, new ObjectMapper());
    }

    @Override
    public Map<String, String> roles(String organisation) {
        Map<String, String> roles = new HashMap<>();
        String next = http.url("/api/organizations/" + HubPaths.segments(organisation) + "/members");
        while (next != null) {
            Optional<HubHttp.Page> page = http.getPage("org-members", next);
            if (page.isEmpty()) {
                return Map.of();
            }
            for (JsonNode member : page.get().body()) {
                String user = member.path("user").asText(member.path("name").asText(""));
                String role = member.path("role").asText(member.path("roleInOrg").asText(""));
                if (!user.isEmpty()) {
                    roles.put(user.toLowerCase(Locale.ROOT), role.toLowerCase(Locale.ROOT));
                }
            }
            next = page.get().next();
        }
        return Map.copyOf(roles);
    }
}
