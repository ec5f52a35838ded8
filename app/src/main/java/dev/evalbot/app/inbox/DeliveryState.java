package dev.evalbot.app.inbox;

/** Where a delivery is in its life. Pending and running are "active"; the rest are final until a replay. */
public enum DeliveryState {
    PENDING("pending"),
    RUNNING("running"),
    DONE("done"),
    /** Completed without work: a newer head of the same pull request made it pointless. */
    SUPERSEDED("superseded"),
    /** Failed for good (permanent failure or out of attempts); waits for {@code evalbot replay}. */
    DEAD("dead");

    private final String code;

    DeliveryState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static DeliveryState of(String code) {
        for (DeliveryState s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown delivery state: " + code);
    }
}
