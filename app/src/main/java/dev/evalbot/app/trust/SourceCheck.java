package dev.evalbot.app.trust;

import dev.evalbot.rules.check.Severity;
import java.util.Optional;

/** What checking one {@code source.url} found. */
public sealed interface SourceCheck {

    /** One line for a reviewer. */
    String message();

    /**
     * The finding this outcome becomes in a review: none when reachable, an error when unsafe
     * (the link points into a private network or hides where it points), a notice when skipped,
     * a warning otherwise.
     */
    default Optional<Severity> severity() {
        if (this instanceof Reachable) {
            return Optional.empty();
        }
        if (this instanceof Unsafe) {
            return Optional.of(Severity.ERROR);
        }
        if (this instanceof Skipped) {
            return Optional.of(Severity.NOTICE);
        }
        return Optional.of(Severity.WARNING);
    }

    record Reachable(int status) implements SourceCheck {
        @Override
        public String message() {
            return "reachable (HTTP " + status + ")";
        }
    }

    /** The server (or the platform's API) says the linked thing does not exist: 404, 410, or the Hub's 401. */
    record NotFound(int status, String what) implements SourceCheck {
        @Override
        public String message() {
            return what + " (HTTP " + status + ")";
        }
    }

    record Unreachable(String reason) implements SourceCheck {
        @Override
        public String message() {
            return reason;
        }
    }

    /** Refused before any connection: a private or special address, or a form that hides one. */
    record Unsafe(String reason) implements SourceCheck {
        @Override
        public String message() {
            return reason;
        }
    }

    /** The link cannot work as written: not a URL, a malformed arXiv id or repository id. */
    record Invalid(String reason) implements SourceCheck {
        @Override
        public String message() {
            return reason;
        }
    }

    /** Not checked: offline, or too many checks of that host in flight. Never cached. */
    record Skipped(String why) implements SourceCheck {
        @Override
        public String message() {
            return "not checked: " + why;
        }
    }
}
