package dev.evalbot.app.cli;

/** Text from the Hub is printed to a terminal: control characters could rewrite it. */
final class CliText {
    private CliText() {}

    static String safe(String s) {
        if (s == null) {
            return "";
        }
        return s.strip().replaceAll("[\\r\\n\\t]+", " ").replaceAll("\\p{Cntrl}", "?");
    }
}
