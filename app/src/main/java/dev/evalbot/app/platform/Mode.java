package dev.evalbot.app.platform;

/** What evalbot does with one platform in this process. */
public enum Mode {
    /** Its credentials are present: webhooks are accepted and reviews are written to the platform. */
    LIVE("live"),
    /** The no-account quick start: payloads reviewed against the shipped example checkouts, writes logged. */
    DRY_RUN("dry-run"),
    /** Not served: its webhook route answers 404. */
    OFF("off");

    private final String word;

    Mode(String word) {
        this.word = word;
    }

    /** As written in {@code EVALBOT_MODE} and in the start-up log. */
    public String word() {
        return word;
    }
}
