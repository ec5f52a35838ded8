package dev.evalbot.app.store;

/** What maintainers decided about a pull request's results (each change is also in the audit log). */
public record Decision(boolean approved, boolean rejected, boolean hidden) {
    public static final Decision NONE = new Decision(false, false, false);

    /** Approve and reject exclude each other; hidden is independent. */
    public Decision approve() {
        return new Decision(true, false, hidden);
    }

    public Decision reject() {
        return new Decision(false, true, hidden);
    }

    public Decision hide(boolean hide) {
        return new Decision(approved, rejected, hide);
    }
}
