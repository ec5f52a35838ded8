package dev.evalbot.app.cli.common;

/** Exit statuses shared by every command. */
public final class ExitCodes {
    private ExitCodes() {}

    /** No errors (warnings allowed). */
    public static final int OK = 0;
    /** The review found errors. */
    public static final int FINDINGS = 1;
    /** Bad usage, or a file or repository that could not be read. */
    public static final int USAGE_OR_IO = 2;
}
