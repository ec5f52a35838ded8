package dev.evalbot.app.store;

/** What maintainers decided about a pull request's results (each change is also in the audit log). */
public record Decision(boolean approved, boolean rejected, boolean hidden) {
    public static final Decision NONE = new Decision(false, false, false);
}
