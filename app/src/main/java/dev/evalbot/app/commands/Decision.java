package dev.evalbot.app.commands;

/**
 * What maintainers decided about a pull request's results. Approve and reject exclude each other;
 * hidden is independent (a hidden approved PR stays approved but off the leaderboards).
 */
public record Decision(boolean approved, boolean rejected, boolean hidden) {
    public static final Decision NONE = new Decision(false, false, false);

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
