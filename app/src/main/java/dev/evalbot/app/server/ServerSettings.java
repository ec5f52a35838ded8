package dev.evalbot.app.server;

import java.util.Map;

/**
 * The HTTP side of the server, from the environment.
 *
 * @param host {@code EVALBOT_HOST}, else loopback for a dry-run and every interface for a live server
 * @param port {@code PORT} when set (a Hugging Face Docker Space sets 7860), else {@code EVALBOT_PORT}, else 8080
 * @param adminToken {@code EVALBOT_ADMIN_TOKEN}: bearer token for the admin and audit endpoints; null disables them
 */
public record ServerSettings(String host, int port, int maxBodyBytes, String adminToken) {
    public static final int MAX_BODY_BYTES = 25 * 1024 * 1024;

    /** Where a dry-run listens unless {@code EVALBOT_HOST} says otherwise: this machine only. */
    public static final String DRY_RUN_HOST = "127.0.0.1";
    /** Where a live server listens unless {@code EVALBOT_HOST} says otherwise: every interface. */
    public static final String LIVE_HOST = "0.0.0.0";

    /**
     * @param dryRun a dry-run is a try-out on one's own machine: it listens on loopback by default
     *     (its reviews and leaderboards are open to anyone who can reach it); the Docker image sets
     *     {@code EVALBOT_HOST=0.0.0.0}, since a container is reached from outside
     */
    public static ServerSettings fromEnvironment(Map<String, String> env, boolean dryRun) {
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
        return new ServerSettings(firstSet(env.get("EVALBOT_HOST"), dryRun ? DRY_RUN_HOST : LIVE_HOST), p, MAX_BODY_BYTES,
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
