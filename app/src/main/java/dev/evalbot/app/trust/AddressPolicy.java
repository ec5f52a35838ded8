package dev.evalbot.app.trust;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a source check may connect to: public unicast only. Works on the raw bytes,
 * so every spelling of an address (mapped, compatible, NAT64, 6to4) meets the same rule.
 */
final class AddressPolicy {
    private record Block(byte[] prefix, int bits, String label) {
        boolean contains(byte[] a) {
            if (a.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (a[full] & mask) == (prefix[full] & mask);
        }
    }

    // Order matters where blocks nest: the most specific label comes first.
    private static final List<Block> V4 = List.of(
            v4("0.0.0.0", 32, "the unspecified address"),
            v4("0.0.0.0", 8, "in 0.0.0.0/8 (this network)"),
            v4("10.0.0.0", 8, "a private address (10.0.0.0/8)"),
            v4("100.64.0.0", 10, "a carrier-grade NAT address (100.64.0.0/10)"),
            v4("127.0.0.0", 8, "a loopback address"),
            v4("169.254.169.254", 32, "the cloud metadata address"),
            v4("169.254.0.0", 16, "a link-local address (169.254.0.0/16)"),
            v4("172.16.0.0", 12, "a private address (172.16.0.0/12)"),
            v4("192.0.0.0", 24, "reserved for protocol assignments (192.0.0.0/24)"),
            v4("192.0.2.0", 24, "a documentation address (192.0.2.0/24)"),
            v4("192.168.0.0", 16, "a private address (192.168.0.0/16)"),
            v4("198.18.0.0", 15, "a benchmarking address (198.18.0.0/15)"),
            v4("198.51.100.0", 24, "a documentation address (198.51.100.0/24)"),
            v4("203.0.113.0", 24, "a documentation address (203.0.113.0/24)"),
            v4("224.0.0.0", 4, "a multicast address"),
            v4("255.255.255.255", 32, "the broadcast address"),
            v4("240.0.0.0", 4, "a reserved address (240.0.0.0/4)"));

    private static final List<Block> V6 = List.of(
            v6("::", 128, "the unspecified address"),
            v6("::1", 128, "a loopback address"),
            v6("64:ff9b:1::", 48, "a local-use NAT64 address (64:ff9b:1::/48)"),
            v6("100::", 64, "a discard-only address (100::/64)"),
            v6("2001:db8::", 32, "a documentation address (2001:db8::/32)"),
            v6("2001::", 32, "a Teredo tunnel address (2001::/32)"),
            v6("fc00::", 7, "a unique-local address (fc00::/7)"),
            v6("fe80::", 10, "a link-local address (fe80::/10)"),
            v6("fec0::", 10, "a site-local address (fec0::/10)"),
            v6("ff00::", 8, "a multicast address"));

    private static final Block MAPPED = v6("::ffff:0:0", 96, "IPv4-mapped");
    private static final Block COMPATIBLE = v6("::", 96, "IPv4-compatible");
    private static final Block NAT64 = v6("64:ff9b::", 96, "NAT64");
    private static final Block SIX_TO_FOUR = v6("2002::", 16, "6to4");

    private AddressPolicy() {}

    /** Why a connection to {@code address} is refused, e.g. "a loopback address"; empty if allowed. */
    static Optional<String> refusal(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 4) {
            return first(V4, a);
        }
        Optional<String> direct = first(V6, a);
        if (direct.isPresent()) {
            return direct;
        }
        if (MAPPED.contains(a) || NAT64.contains(a)) {
            return embedded(a, 12, MAPPED.contains(a) ? MAPPED.label() : NAT64.label());
        }
        if (COMPATIBLE.contains(a)) {
            return Optional.of("a deprecated IPv4-compatible address");
        }
        if (SIX_TO_FOUR.contains(a)) {
            return embedded(a, 2, SIX_TO_FOUR.label());
        }
        return Optional.empty();
    }

    private static Optional<String> embedded(byte[] a, int offset, String form) {
        byte[] v4 = {a[offset], a[offset + 1], a[offset + 2], a[offset + 3]};
        return first(V4, v4).map(why -> "an " + form + " form of " + text(v4) + ", " + why);
    }

    private static Optional<String> first(List<Block> blocks, byte[] a) {
        for (Block b : blocks) {
            if (b.contains(a)) {
                return Optional.of(b.label());
            }
        }
        return Optional.empty();
    }

    static String text(byte[] v4) {
        return (v4[0] & 0xFF) + "." + (v4[1] & 0xFF) + "." + (v4[2] & 0xFF) + "." + (v4[3] & 0xFF);
    }

    private static Block v4(String address, int bits, String label) {
        return new Block(literal(address, 4), bits, label);
    }

    private static Block v6(String address, int bits, String label) {
        return new Block(literal(address, 16), bits, label);
    }

    private static byte[] literal(String address, int length) {
        try {
            // Literals only: InetAddress parses these without any lookup.
            InetAddress parsed = InetAddress.getByName(length == 16 ? "[" + address + "]" : address);
            byte[] bytes = parsed.getAddress();
            if (bytes.length == length) {
                return bytes;
            }
            // Java folds ::ffff:a.b.c.d into an IPv4 address; rebuild the 16 bytes.
            byte[] v6 = new byte[16];
            v6[10] = (byte) 0xFF;
            v6[11] = (byte) 0xFF;
            System.arraycopy(bytes, 0, v6, 12, 4);
            return v6;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(address, e);
        }
    }
}
