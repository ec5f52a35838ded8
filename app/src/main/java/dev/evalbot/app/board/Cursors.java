package dev.evalbot.app.board;

import dev.evalbot.rules.board.RowCursor;
import dev.evalbot.rules.tier.Tier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A {@link RowCursor} as the opaque {@code ?cursor=} of a page link: URL-safe base64 of its keys
 * (the value's exact bits, the tier, the date, the platform, the model), version-prefixed so that
 * the format can change without misreading old links.
 */
final class Cursors {
    private static final String VERSION = "1";

    private Cursors() {}

    static String encode(RowCursor c) {
        String plain = VERSION + ":" + Long.toHexString(Double.doubleToLongBits(c.value())) + ":" + c.tier().label()
                + ":" + c.effectiveDate().getEpochSecond() + ":" + c.effectiveDate().getNano() + ":" + c.platform()
                + ":" + c.modelRepo();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws BoardQuery.BadQuery when the text is not a cursor this server made */
    static RowCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] p = plain.split(":", 7);
            if (p.length != 7 || !p[0].equals(VERSION) || p[6].isEmpty() || p[5].isEmpty()) {
                throw bad();
            }
            double value = Double.longBitsToDouble(Long.parseUnsignedLong(p[1], 16));
            Tier tier = Tier.parse(p[2]).orElseThrow(Cursors::bad);
            Instant at = Instant.ofEpochSecond(Long.parseLong(p[3]), Long.parseLong(p[4]));
            return new RowCursor(value, tier, at, p[6], p[5]);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw e instanceof BoardQuery.BadQuery b ? b : bad();
        }
    }

    private static BoardQuery.BadQuery bad() {
        return new BoardQuery.BadQuery("cursor is not one this server gave: use the nextCursor of a page, "
                + "or leave it out for the first page");
    }
}
