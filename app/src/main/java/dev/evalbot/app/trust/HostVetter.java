package dev.evalbot.app.trust;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Decides which addresses a check may connect to for one URL: the IP literal itself, or every
 * address the name resolves to, and only if all of them are public (one private answer among
 * public ones is how DNS rebinding hides). An allowed host:port skips the address rule only.
 */
final class HostVetter {
    private final HostResolver resolver;
    private final AllowedHosts allowed;

    HostVetter(HostResolver resolver, AllowedHosts allowed) {
        this.resolver = resolver;
        this.allowed = allowed;
    }

    /** Whether this host:port skips the address rule (a test's loopback server). */
    boolean allowed(SourceUrl url) {
        return allowed.allows(url.host(), url.port());
    }

    List<InetAddress> vet(SourceUrl url) throws Refusal {
        List<InetAddress> addresses = url.literal() != null ? List.of(url.literal()) : resolve(url.host());
        if (allowed(url)) {
            return addresses;
        }
        for (InetAddress a : addresses) {
            Optional<String> why = AddressPolicy.refusal(a);
            if (why.isPresent()) {
                throw Refusal.unsafe(url.literal() != null
                        ? url.host() + " is " + why.get()
                        : url.host() + " resolves to " + a.getHostAddress() + ", " + why.get());
            }
        }
        return addresses;
    }

    private List<InetAddress> resolve(String host) throws Refusal {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw Refusal.unreachable("host " + host + " does not resolve");
        }
        if (addresses == null || addresses.isEmpty()) {
            throw Refusal.unreachable("host " + host + " has no address");
        }
        return List.copyOf(addresses);
    }
}
