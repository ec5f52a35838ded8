package dev.evalbot.app.cli.token;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 90s}, {@code 30m}, {@code 12h}, {@code 30d} or ISO-8601 ({@code PT12H}, {@code P30D}); positive. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (v.startsWith("p")) {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } else if (v.length() > 1 && v.substring(0, v.length() - 1).chars().allMatch(Character::isDigit)) {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                d = switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> throw new TypeConversionException(bad(value));
                };
            } else {
                throw new TypeConversionException(bad(value));
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new TypeConversionException(bad(value));
        }
        if (d.isNegative() || d.isZero()) {
            throw new TypeConversionException("'" + value + "' is not a positive duration");
        }
        return d;
    }

    private static String bad(String value) {
        return "'" + value + "' is not a duration (e.g. 90s, 30m, 12h, 30d, PT12H)";
    }
}
