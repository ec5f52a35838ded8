package dev.evalbot.app.board;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How values and times are written on the pages: as given, without float noise or exponents. */
final class Formats {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private Formats() {}

    /** {@code 87.5}, {@code 0.4123}, {@code 12}; exponent notation only for extreme magnitudes. */
    static String value(double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1e15 || a < 1e-6) {
            return Double.toString(v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** The sort key of a value: exact, parseable by JavaScript's parseFloat. */
    static String sortKey(double v) {
        return Double.toString(v + 0.0);
    }

    static String day(Instant t) {
        return t == null ? "" : DAY.format(t);
    }

    static String instant(Instant t) {
        return t == null ? "" : t.toString();
    }

    /**
     * An instant as a page's sort key or {@code datetime}: the day alone when it is midnight UTC (a
     * date given without a time, the common case), which still sorts before any later time that day.
     */
    static String shortInstant(Instant t) {
        return t != null && t.getEpochSecond() % 86_400 == 0 && t.getNano() == 0 ? day(t) : instant(t);
    }

    /** A {@code <time>} element showing the day, carrying the exact instant (the day alone at midnight UTC). */
    static String shortTime(Instant t) {
        return t == null ? "" : "<time datetime=\"" + shortInstant(t) + "\">" + day(t) + "</time>";
    }

    /** A {@code <time>} element showing the day, carrying the exact instant. */
    static String time(Instant t) {
        return t == null ? "" : "<time datetime=\"" + instant(t) + "\">" + day(t) + "</time>";
    }
}
