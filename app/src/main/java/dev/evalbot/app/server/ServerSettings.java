package dev.evalbot.app.server;

import java.util.Map;

/**
 * The HTTP side of the server, from the environment.
 *
 * @param port {@code PORT} when set (a Hugging Face Docker Space sets 7860), else {@code EVALBOT_PORT}, else 8080
 * @param adminToken {@code EVALBOT_ADMIN_TOKEN}: bearer token for the admin and audit endpoints; null disables them
 */
public record ServerSettings(String host, int port, int maxBodyBytes, String adminToken) {
    public static final int MAX_BODY_BYTES = 25 * 1024 * 1024;

    public static ServerSettings fromEnvironment(Map<String, String> env) {
        String port = firstSet(env.get("PORT"), env.get("EVALBOT_PORT"), "8080");
        int p;
        try {
            p = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT/EVALBOT_PORT must be a number, got '" + port + "'");
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("PORT/EVALBOT_PORT must be 0..65535, got " + p);
        }
        return new ServerSettings(firstSet(env.get("EVALBOT_HOST"), "0.0.0.0"), p, MAX_BODY_BYTES,
                blankToNull(env.get("EVALBOT_ADMIN_TOKEN")));
    }

    public ServerSettings withPort(int p) {
        return new ServerSettings(host, p, maxBodyBytes, adminToken);
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "ServerSettings[" + host + ":" + port + ", adminToken=" + (adminToken == null ? "unset" : "set") + "]";
    }
}
