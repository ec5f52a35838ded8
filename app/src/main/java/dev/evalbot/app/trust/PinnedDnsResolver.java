package dev.evalbot.app.trust;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only way to turn a host into addresses: it answers with the addresses the
 * vetter approved for this check and fails for anything else, so the connection goes to the very
 * address that was checked (no second lookup for a rebinding server to answer differently).
 */
final class PinnedDnsResolver implements DnsResolver {
    private final Map<String, InetAddress[]> pinned = new ConcurrentHashMap<>();

    void pin(String host, List<InetAddress> addresses) {
        pinned.put(host.toLowerCase(Locale.ROOT), addresses.toArray(new InetAddress[0]));
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = pinned.get(strip(host).toLowerCase(Locale.ROOT));
        if (addresses == null) {
            throw new UnknownHostException(host + " was not vetted for this check");
        }
        return addresses.clone();
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
