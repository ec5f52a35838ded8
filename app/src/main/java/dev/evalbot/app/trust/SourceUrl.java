package dev.evalbot.app.trust;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A link taken apart the way the checker will use it, with every trick that could make the
 * checked host differ from the connected one refused: credentials before the host, encoded or
 * non-ASCII host names, numeric hosts other than plain dotted quads, IPv6 zone ids. The host is
 * parsed here, not by {@link URI#getHost()}, which gives up on some forms that other clients accept.
 *
 * @param host lower case, without a trailing dot; an IPv6 literal without brackets
 * @param literal the address when the host is an IP literal (never looked up); null for a name
 * @param target the request target: raw path (at least "/") and query, no fragment
 */
record SourceUrl(URI uri, String scheme, String host, InetAddress literal, int port, String target) {
    static final int MAX_LENGTH = 2048;

    boolean https() {
        return scheme.equals("https");
    }

    /** The port as written or the scheme's default, for messages: "host" or "host:8080". */
    String authority() {
        String h = literal != null && host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == (https() ? 443 : 80) ? h : h + ":" + port;
    }

    /** The path below the host split into segments, e.g. ["datasets", "cais", "hle"]. */
    String[] segments() {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
    }

    static SourceUrl parse(String text) throws Refusal {
        String s = text.strip();
        if (s.length() > MAX_LENGTH) {
            throw Refusal.invalid("the URL is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw Refusal.invalid("not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        if (uri.getScheme() == null || uri.isOpaque()) {
            throw Refusal.invalid("not an absolute URL: " + s);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw Refusal.unsafe("only http(s) links are followed, not " + scheme + ":");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw Refusal.invalid("the URL has no host: " + s);
        }
        if (authority.indexOf('@') >= 0) {
            throw Refusal.unsafe("the URL carries credentials before the host (user@host)");
        }
        String hostText;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw Refusal.invalid("unterminated IPv6 address in " + authority);
            }
            hostText = authority.substring(0, close + 1);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw Refusal.invalid("unexpected text after the IPv6 address: " + rest);
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            hostText = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        int port = port(portText, scheme);
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (hostText.startsWith("[")) {
            InetAddress v6 = ipv6(hostText.substring(1, hostText.length() - 1));
            return new SourceUrl(uri, scheme, hostText.substring(1, hostText.length() - 1).toLowerCase(Locale.ROOT),
                    v6, port, target);
        }
        String host = hostName(hostText);
        InetAddress literal = null;
        if (NumericHost.endsInNumber(host)) {
            if (!NumericHost.isCanonicalDottedQuad(host)) {
                byte[] meant = NumericHost.inetAton(host);
                throw Refusal.unsafe(meant == null
                        ? "host " + host + " looks numeric but is not an address"
                        : "host " + host + " is a non-standard numeric form of " + AddressPolicy.text(meant)
                                + "; only plain dotted quads are accepted");
            }
            literal = v4(host);
        }
        return new SourceUrl(uri, scheme, host, literal, port, target);
    }

    private static int port(String text, String scheme) throws Refusal {
        if (text == null || text.isEmpty()) {
            return scheme.equals("https") ? 443 : 80;
        }
        if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw Refusal.invalid("not a valid port: " + text);
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw Refusal.invalid("not a valid port: " + text);
        }
        return port;
    }

    private static String hostName(String text) throws Refusal {
        if (text.indexOf('%') >= 0) {
            throw Refusal.unsafe("the host name is percent-encoded: " + text);
        }
        if (!text.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw Refusal.invalid("the host name is not ASCII; write it in its xn-- (punycode) form");
        }
        String host = text.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.length() > 253) {
            throw Refusal.invalid("not a valid host name: " + text);
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
                    || !label.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                            || c == '-' || c == '_')) {
                throw Refusal.invalid("not a valid host name: " + text);
            }
        }
        return host;
    }

    private static InetAddress ipv6(String text) throws Refusal {
        if (text.indexOf('%') >= 0) {
            throw Refusal.unsafe("IPv6 zone ids are refused: " + text);
        }
        // Hex, colons and dots only, with at least one colon: InetAddress then parses a literal and
        // never falls back to a DNS lookup.
        if (text.indexOf(':') < 0 || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80
                || c == ':' || c == '.')) {
            throw Refusal.invalid("not a valid IPv6 address: " + text);
        }
        try {
            return InetAddress.getByName("[" + text + "]");
        } catch (UnknownHostException e) {
            throw Refusal.invalid("not a valid IPv6 address: " + text);
        }
    }

    private static InetAddress v4(String dottedQuad) throws Refusal {
        try {
            return InetAddress.getByAddress(NumericHost.inetAton(dottedQuad));
        } catch (UnknownHostException e) {
            throw Refusal.invalid("not a valid address: " + dottedQuad);
        }
    }
}
