package dev.evalbot.app.event;

/** Where a webhook came from and where a pull request lives. */
public enum PlatformId {
    GITHUB("github"),
    HUB("hub");

    private final String code;

    PlatformId(String code) {
        this.code = code;
    }

    /** The value stored in the database and shown to people. */
    public String code() {
        return code;
    }

    public static PlatformId of(String code) {
        for (PlatformId p : values()) {
            if (p.code.equals(code)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown platform: " + code);
    }
}
