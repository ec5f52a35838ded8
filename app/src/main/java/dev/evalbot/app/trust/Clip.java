package dev.evalbot.app.trust;

/**
 * Shortens text that came from a token or a server (a kid, a claim, a Location header) before it
 * goes into a review message, so nobody can fill a pull request comment through our messages.
 */
final class Clip {
    static final int MAX = 80;

    private Clip() {}

    static String of(String text) {
        if (text == null || text.length() <= MAX) {
            return text;
        }
        return text.substring(0, MAX - 1) + "…";
    }
}
