package dev.evalbot.app.trust;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.evalbot.app.trust.TokenCheck.Failed;
import dev.evalbot.app.trust.TokenCheck.Reason;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/** Checks that a token's claims name the very entry it sits on: model, dataset, task, value, revision. */
final class ClaimBinding {
    /** Absolute tolerance on the value: JSON and YAML may round the same double differently. */
    static final double VALUE_TOLERANCE = 1e-9;

    private ClaimBinding() {}

    static Optional<Failed> check(JWTClaimsSet claims, TokenSubject subject) {
        Object sub = claims.getClaim("sub");
        Optional<Failed> f = same(sub, "sub", "model", subject.modelRepo(), Reason.WRONG_MODEL,
                "token is for model %s, this PR is on model %s");
        if (f.isEmpty()) {
            f = same(claims.getClaim("dataset"), "dataset", "dataset", subject.datasetId(), Reason.WRONG_DATASET,
                    "token is for dataset %s, this entry is on dataset %s");
        }
        if (f.isEmpty()) {
            f = same(claims.getClaim("task_id"), "task_id", "task", subject.taskId(), Reason.WRONG_TASK,
                    "token is for task %s, this entry reports task %s");
        }
        if (f.isEmpty()) {
            f = value(claims.getClaim("value"), subject.value());
        }
        if (f.isEmpty()) {
            f = revision(claims.getClaim("revision"), subject.revision());
        }
        return f;
    }

    private static Optional<Failed> same(Object claim, String name, String what, String expected, Reason reason,
            String format) {
        if (claim == null) {
            return fail(Reason.MISSING_CLAIM, "the token has no " + name + " (" + what + ") claim");
        }
        if (!(claim instanceof String s)) {
            return fail(Reason.BAD_CLAIM, "the token's " + name + " claim is not a string");
        }
        if (!s.equals(expected)) {
            return fail(reason, String.format(format, Clip.of(s), expected == null ? "(none)" : expected));
        }
        return Optional.empty();
    }

    private static Optional<Failed> value(Object claim, double expected) {
        if (claim == null) {
            return fail(Reason.MISSING_CLAIM, "the token has no value claim");
        }
        if (!(claim instanceof Number n)) {
            return fail(Reason.BAD_CLAIM, "the token's value claim is not a number");
        }
        double actual = n.doubleValue();
        if (!(Math.abs(actual - expected) <= VALUE_TOLERANCE)) {
            return fail(Reason.WRONG_VALUE, "value " + plain(expected) + " in the file, " + plain(actual)
                    + " in the token");
        }
        return Optional.empty();
    }

    private static Optional<Failed> revision(Object claim, String expected) {
        if (claim == null) {
            return Optional.empty();
        }
        if (!(claim instanceof String s)) {
            return fail(Reason.BAD_CLAIM, "the token's revision claim is not a string");
        }
        if (expected == null) {
            return fail(Reason.WRONG_REVISION, "token is for dataset revision " + Clip.of(s)
                    + ", this entry names no revision");
        }
        // Revisions are hex commit ids: their case carries no meaning.
        if (!s.equalsIgnoreCase(expected)) {
            return fail(Reason.WRONG_REVISION, "token is for dataset revision " + Clip.of(s)
                    + ", this entry names revision " + expected);
        }
        return Optional.empty();
    }

    /** 20.9 rather than 20.900000000000002 or 2.09E1: what a person wrote in the file. */
    static String plain(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static Optional<Failed> fail(Reason reason, String detail) {
        return Optional.of(new Failed(Objects.requireNonNull(reason), detail));
    }
}
