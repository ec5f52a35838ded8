package dev.evalbot.app.store;

/** The state of the pull request a result came from; closed ones leave the leaderboards. */
public enum PrState {
    OPEN("open"),
    MERGED("merged"),
    CLOSED("closed");

    private final String code;

    PrState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static PrState of(String code) {
        for (PrState s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown pull request state: " + code);
    }
}
