package dev.evalbot.app.platform;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.rules.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What this process serves: the mode of each platform, decided here and nowhere else, from the
 * environment alone. A platform is live when its credentials are present; the process is a
 * dry-run (a platform's payloads reviewed against the shipped examples) only when no platform is
 * live. {@code EVALBOT_MODE=live|dry-run} forces one or the other. A half-configured platform, or
 * {@code live} forced without any credentials, is a one-line start-up error.
 *
 * @param configured each listed module with its settings read and its mode, in the modules' order
 */
public record Deployment(List<Configured> configured) {
    public static final String MODE_ENV = "EVALBOT_MODE";

    /** One platform module with its settings read, and the mode this process runs it in. */
    public record Configured(PlatformMode mode, PlatformSetup setup) {}

    public Deployment {
        configured = List.copyOf(configured);
    }

    /** Each platform's mode and why, as the start-up log says it. */
    public List<PlatformMode> platforms() {
        return configured.stream().map(Configured::mode).toList();
    }

    /** The platforms this process wires: live ones, or the dry-run's; one that is off has no route. */
    public List<Configured> served() {
        return configured.stream().filter(c -> c.mode().mode() != Mode.OFF).toList();
    }

    /** Whether any platform is live: trust checks, the live registry and publishing follow this. */
    public boolean anyLive() {
        return platforms().stream().anyMatch(p -> p.mode() == Mode.LIVE);
    }

    /** The no-account quick start: nothing is live, nothing leaves the machine. */
    public boolean dryRun() {
        return !anyLive();
    }

    public Mode mode(PlatformId platform) {
        return platforms().stream().filter(p -> p.platform().equals(platform)).map(PlatformMode::mode).findFirst()
                .orElse(Mode.OFF);
    }

    /**
     * Reads each module's settings (the one read of its variables) and decides its mode.
     *
     * @throws ConfigException with one line naming the variables to set, on a contradiction
     */
    public static Deployment decide(Map<String, String> env, List<? extends PlatformModule> modules) {
        String forced = value(env, MODE_ENV);
        if (forced != null) {
            forced = forced.toLowerCase(Locale.ROOT);
            if (!forced.equals("live") && !forced.equals("dry-run")) {
                throw new ConfigException(MODE_ENV + " must be live or dry-run, got '" + value(env, MODE_ENV) + "'");
            }
        }
        List<PlatformSetup> setups = modules.stream().map(m -> m.configure(env)).toList();
        boolean anyLive = setups.stream().anyMatch(s -> s.credentials().complete());
        if ("live".equals(forced) && !anyLive) {
            throw new ConfigException(MODE_ENV + "=live, but no platform has credentials: set " + setups.stream()
                    .map(s -> s.credentials().toGoLive()).collect(Collectors.joining(", or ")));
        }
        boolean dryRun = "dry-run".equals(forced) || !anyLive;
        List<Configured> configured = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            PlatformModule module = modules.get(i);
            PlatformSetup setup = setups.get(i);
            Credentials c = setup.credentials();
            PlatformMode mode;
            if (dryRun) {
                String why = "dry-run".equals(forced) ? MODE_ENV + "=dry-run" : "no platform has credentials";
                mode = setup.servesDryRun()
                        ? new PlatformMode(module.id(), module.label(), Mode.DRY_RUN, why
                                + ": payloads reviewed against config/examples/models, writes logged, not sent")
                        : new PlatformMode(module.id(), module.label(), Mode.OFF, why);
            } else {
                mode = new PlatformMode(module.id(), module.label(), c.complete() ? Mode.LIVE : Mode.OFF, c.reason());
            }
            configured.add(new Configured(mode, setup));
        }
        return new Deployment(configured);
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
