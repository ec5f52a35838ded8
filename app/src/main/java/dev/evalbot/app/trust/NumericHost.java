package dev.evalbot.app.trust;

import java.util.OptionalLong;

/**
 * Host names that are numbers in disguise. Browsers and curl read {@code 2130706433},
 * {@code 0x7f.1} and {@code 017700000001} as 127.0.0.1 (inet_aton rules: 1 to 4 parts, each
 * decimal, 0x-hex or 0-octal, the last filling the remaining bytes), while Java's parser and a
 * DNS resolver each do something else. The checker accepts only canonical dotted quads and
 * refuses every other numeric form, after saying what it would have meant.
 */
final class NumericHost {
    private NumericHost() {}

    /**
     * Whether a URL parser would treat the host as an IPv4 address: its last label is all
     * digits, or 0x followed by hex digits (the WHATWG URL standard's "ends in a number").
     */
    static boolean endsInNumber(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = h.substring(h.lastIndexOf('.') + 1);
        if (last.isEmpty()) {
            return false;
        }
        if (last.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        if (last.length() >= 2 && last.charAt(0) == '0' && (last.charAt(1) == 'x' || last.charAt(1) == 'X')) {
            return last.substring(2).chars().allMatch(c -> hexOrX(c) && c != 'x' && c != 'X');
        }
        return false;
    }

    private static boolean hexOrX(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == 'x' || c == 'X';
    }

    /** Four decimal parts, 0 to 255, no leading zeros, no trailing dot: the only form accepted. */
    static boolean isCanonicalDottedQuad(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The address inet_aton would read, as four bytes; null when it reads none. */
    static byte[] inetAton(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = h.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            OptionalLong v = part(parts[i]);
            if (v.isEmpty()) {
                return null;
            }
            values[i] = v.getAsLong();
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return null;
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            return null;
        }
        address |= last;
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    private static OptionalLong part(String p) {
        try {
            if (p.isEmpty() || p.length() > 16 || !p.chars().allMatch(NumericHost::hexOrX)) {
                return OptionalLong.empty();
            }
            if (p.startsWith("0x") || p.startsWith("0X")) {
                return OptionalLong.of(p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16));
            }
            if (p.length() > 1 && p.charAt(0) == '0') {
                return OptionalLong.of(Long.parseLong(p.substring(1), 8));
            }
            return OptionalLong.of(Long.parseLong(p));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
