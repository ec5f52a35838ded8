package dev.evalbot.app.trust;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.evalbot.app.trust.TokenCheck.Failed;
import dev.evalbot.app.trust.TokenCheck.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/** Checks iat (required, not in the future), nbf and exp (if present) against now, within a skew. */
final class TokenLifetime {
    private TokenLifetime() {}

    static Optional<Failed> check(JWTClaimsSet claims, Instant now, Duration skew) {
        Date iat = claims.getIssueTime();
        if (iat == null) {
            return fail(Reason.MISSING_CLAIM, "the token has no iat (issued-at) claim");
        }
        if (iat.toInstant().isAfter(now.plus(skew))) {
            return fail(Reason.ISSUED_IN_FUTURE, "issued in the future, at " + iat.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(skew))) {
            return fail(Reason.NOT_YET_VALID, "not valid before " + nbf.toInstant());
        }
        Date exp = claims.getExpirationTime();
        if (exp != null && now.minus(skew).isAfter(exp.toInstant())) {
            return fail(Reason.EXPIRED, "expired on " + exp.toInstant());
        }
        return Optional.empty();
    }

    private static Optional<Failed> fail(Reason reason, String detail) {
        return Optional.of(new Failed(reason, detail));
    }
}
