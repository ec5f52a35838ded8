package dev.evalbot.app.review;

/** Where a finding's line can be seen: the platform's files view, or nowhere for a local review. */
public interface Links {
    Links NONE = (path, line) -> null;

    /** A URL showing {@code line} of {@code path} in the change, or null. */
    String line(String path, int line);
}
