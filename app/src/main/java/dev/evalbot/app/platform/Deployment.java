package dev.evalbot.app.platform;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.rules.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What this process serves: the mode of each platform, decided here and nowhere else, from the
 * environment alone. A platform is live when its credentials are present; the process is a
 * dry-run (GitHub payloads reviewed against the shipped examples) only when no platform is live.
 * {@code EVALBOT_MODE=live|dry-run} forces one or the other. A half-configured platform, or
 * {@code live} forced without any credentials, is a one-line start-up error.
 */
public record Deployment(List<PlatformMode> platforms) {
    public static final String MODE_ENV = "EVALBOT_MODE";

    public Deployment {
        platforms = List.copyOf(platforms);
    }

    /** Whether any platform is live: trust checks, the live registry and publishing follow this. */
    public boolean anyLive() {
        return platforms.stream().anyMatch(p -> p.mode() == Mode.LIVE);
    }

    /** The no-account quick start: nothing is live, nothing leaves the machine. */
    public boolean dryRun() {
        return !anyLive();
    }

    public Mode mode(PlatformId platform) {
        return platforms.stream().filter(p -> p.platform() == platform).map(PlatformMode::mode).findFirst()
                .orElse(Mode.OFF);
    }

    /** @throws ConfigException with one line naming the variables to set, on a contradiction */
    public static Deployment decide(Map<String, String> env) {
        String forced = value(env, MODE_ENV);
        if (forced != null) {
            forced = forced.toLowerCase(Locale.ROOT);
            if (!forced.equals("live") && !forced.equals("dry-run")) {
                throw new ConfigException(MODE_ENV + " must be live or dry-run, got '" + value(env, MODE_ENV) + "'");
            }
        }
        List<Credentials> all = List.of(github(env), hub(env));
        boolean anyLive = all.stream().anyMatch(Credentials::complete);
        if ("live".equals(forced) && !anyLive) {
            throw new ConfigException(MODE_ENV + "=live, but no platform has credentials: set GITHUB_TOKEN (or "
                    + "GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY) with GITHUB_WEBHOOK_SECRET, or HF_TOKEN with "
                    + "HF_WEBHOOK_SECRET");
        }
        boolean dryRun = "dry-run".equals(forced) || !anyLive;
        List<PlatformMode> modes = new ArrayList<>();
        for (Credentials c : all) {
            if (dryRun) {
                String why = "dry-run".equals(forced) ? MODE_ENV + "=dry-run" : "no platform has credentials";
                modes.add(c.platform() == PlatformId.GITHUB
                        ? new PlatformMode(c.platform(), c.label(), Mode.DRY_RUN, why
                                + ": payloads reviewed against config/examples/models, writes logged, not sent")
                        : new PlatformMode(c.platform(), c.label(), Mode.OFF, why));
            } else {
                modes.add(new PlatformMode(c.platform(), c.label(), c.complete() ? Mode.LIVE : Mode.OFF, c.reason()));
            }
        }
        return new Deployment(modes);
    }

    /** What the environment holds for one platform; a half configuration is refused on reading. */
    private record Credentials(PlatformId platform, String label, boolean complete, String reason) {}

    private static Credentials github(Map<String, String> env) {
        boolean token = value(env, "GITHUB_TOKEN") != null;
        boolean appId = value(env, "GITHUB_APP_ID") != null;
        boolean appKey = value(env, "GITHUB_APP_PRIVATE_KEY") != null;
        boolean secret = value(env, "GITHUB_WEBHOOK_SECRET") != null;
        if (!token && appId != appKey) {
            throw new ConfigException((appId ? "GITHUB_APP_ID is set but GITHUB_APP_PRIVATE_KEY is not"
                    : "GITHUB_APP_PRIVATE_KEY is set but GITHUB_APP_ID is not") + ": a GitHub App needs both");
        }
        String account = token ? "GITHUB_TOKEN" : appId ? "GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY" : null;
        if (account != null && !secret) {
            throw new ConfigException(account + " set but GITHUB_WEBHOOK_SECRET is not: evalbot never accepts "
                    + "unsigned webhooks");
        }
        if (account != null) {
            return new Credentials(PlatformId.GITHUB, "GitHub", true, account + ", GITHUB_WEBHOOK_SECRET");
        }
        return new Credentials(PlatformId.GITHUB, "GitHub", false,
                "no GITHUB_TOKEN or GITHUB_APP_ID" + (secret ? "" : ", no GITHUB_WEBHOOK_SECRET"));
    }

    private static Credentials hub(Map<String, String> env) {
        boolean token = value(env, "HF_TOKEN") != null;
        boolean secret = value(env, "HF_WEBHOOK_SECRET") != null;
        if (secret && !token) {
            throw new ConfigException("HF_WEBHOOK_SECRET is set but HF_TOKEN is not: the Hub needs both "
                    + "(see docs/hub.md)");
        }
        if (token && secret) {
            return new Credentials(PlatformId.HUB, "Hub", true, "HF_TOKEN, HF_WEBHOOK_SECRET");
        }
        return new Credentials(PlatformId.HUB, "Hub", false, token
                ? "no HF_WEBHOOK_SECRET; HF_TOKEN is used to read benchmark definitions only"
                : "no HF_TOKEN, no HF_WEBHOOK_SECRET");
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
