package dev.evalbot.app.trust;

import java.util.Locale;

/**
 * What the verification of one entry's verifyToken found. Only {@link Verified} earns the
 * "verified" tier; every other outcome leaves the entry unverified and never blocks it.
 */
public sealed interface TokenCheck {

    /** Why a token was not accepted; {@link #code()} is stable for findings and logs. */
    enum Reason {
        MALFORMED,
        ALGORITHM_NONE,
        ALGORITHM_HMAC,
        ALGORITHM_NOT_ALLOWED,
        UNKNOWN_KEY,
        KEY_MISMATCH,
        BAD_SIGNATURE,
        MISSING_CLAIM,
        BAD_CLAIM,
        WRONG_MODEL,
        WRONG_DATASET,
        WRONG_TASK,
        WRONG_VALUE,
        WRONG_REVISION,
        ISSUED_IN_FUTURE,
        NOT_YET_VALID,
        EXPIRED,
        ENTRY_INCOMPLETE;

        public String code() {
            return "token-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** One line for a reviewer. */
    String message();

    default boolean verified() {
        return this instanceof Verified;
    }

    /** @param issuer the token's {@code iss}; null when it has none */
    record Verified(String keyId, String issuer) implements TokenCheck {
        @Override
        public String message() {
            return "verified (key " + keyId + (issuer == null ? "" : ", issuer " + issuer) + ")";
        }
    }

    record Failed(Reason reason, String detail) implements TokenCheck {
        @Override
        public String message() {
            return detail;
        }
    }

    record Absent() implements TokenCheck {
        @Override
        public String message() {
            return "no verifyToken";
        }
    }

    /** Not checked: no key set configured, offline, or the key set could not be fetched. */
    record Skipped(String why) implements TokenCheck {
        @Override
        public String message() {
            return "not checked: " + why;
        }
    }
}
