package dev.evalbot.app.trust;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Host:port pairs exempt from the address-class refusal (loopback, private, ...), e.g. a test's
 * loopback server. Everything else still applies: scheme, syntax, redirects, limits. Empty by
 * default; the only way a check ever reaches a loopback or private address.
 */
public record AllowedHosts(Set<HostPort> entries) {
    public static final AllowedHosts NONE = new AllowedHosts(Set.of());

    /** One allowed host (a name or an address, lower case, IPv6 without brackets) and port. */
    public record HostPort(String host, int port) {
        public HostPort {
            host = normalise(host);
            if (host.isEmpty() || port < 1 || port > 65535) {
                throw new IllegalArgumentException("not a host:port pair: " + host + ":" + port);
            }
        }
    }

    public AllowedHosts {
        entries = Set.copyOf(entries);
    }

    /** Parses {@code host:port,host:port,[::1]:port}; blank means none. */
    public static AllowedHosts parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Set<HostPort> parsed = new LinkedHashSet<>();
        for (String item : text.split(",")) {
            String s = item.trim();
            if (s.isEmpty()) {
                continue;
            }
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || (s.indexOf(':') != colon && !s.startsWith("["))) {
                throw new IllegalArgumentException("EVALBOT_SOURCE_ALLOW_HOSTS: '" + s + "' is not host:port");
            }
            try {
                parsed.add(new HostPort(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("EVALBOT_SOURCE_ALLOW_HOSTS: '" + s + "' has no valid port");
            }
        }
        return new AllowedHosts(parsed);
    }

    public static AllowedHosts of(String host, int port) {
        return new AllowedHosts(Set.of(new HostPort(host, port)));
    }

    /** Whether this exact host (as written in the URL) and port are allowed. */
    public boolean allows(String host, int port) {
        return !entries.isEmpty() && entries.contains(new HostPort(host, port));
    }

    private static String normalise(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
