package dev.evalbot.app.trust;

/**
 * Ends a source check early with its outcome; thrown through the URL parser, the address vetter
 * and the HTTP hops so each stays a straight line. Carries no stack trace: it is not an error.
 */
final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient SourceCheck check;

    Refusal(SourceCheck check) {
        super(check.message(), null, false, false);
        this.check = check;
    }

    SourceCheck check() {
        return check;
    }

    static Refusal unsafe(String reason) {
        return new Refusal(new SourceCheck.Unsafe(reason));
    }

    static Refusal invalid(String reason) {
        return new Refusal(new SourceCheck.Invalid(reason));
    }

    static Refusal unreachable(String reason) {
        return new Refusal(new SourceCheck.Unreachable(reason));
    }
}
