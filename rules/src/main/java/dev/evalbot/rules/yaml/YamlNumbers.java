package dev.evalbot.rules.yaml;

import java.util.OptionalDouble;

/** Reads YAML 1.2 core-schema numbers (decimal, 0x, 0o, .inf, .nan) as doubles. */
public final class YamlNumbers {
    private YamlNumbers() {}

    public static OptionalDouble parse(String text) {
        String t = text.trim();
        try {
            switch (t) {
                case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
                    return OptionalDouble.of(Double.POSITIVE_INFINITY);
                case "-.inf", "-.Inf", "-.INF":
                    return OptionalDouble.of(Double.NEGATIVE_INFINITY);
                case ".nan", ".NaN", ".NAN":
                    return OptionalDouble.of(Double.NaN);
                default:
                    break;
            }
            if (t.startsWith("0x")) {
                return OptionalDouble.of(Long.parseLong(t.substring(2), 16));
            }
            if (t.startsWith("0o")) {
                return OptionalDouble.of(Long.parseLong(t.substring(2), 8));
            }
            return OptionalDouble.of(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** Digits after the decimal point as written, e.g. 2 for "20.90", 0 for "21" or "2e1". */
    public static int decimals(String text) {
        String t = text.trim();
        int e = Math.max(t.indexOf('e'), t.indexOf('E'));
        String mantissa = e >= 0 ? t.substring(0, e) : t;
        int dot = mantissa.indexOf('.');
        int decimals = dot < 0 ? 0 : mantissa.length() - dot - 1;
        if (e >= 0) {
            try {
                decimals -= Integer.parseInt(t.substring(e + 1));
            } catch (NumberFormatException ignored) {
                // keep the mantissa's count
            }
        }
        return Math.max(0, decimals);
    }
}
