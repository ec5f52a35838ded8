package dev.evalbot.app.inbox;

import dev.evalbot.app.store.DeliveryStore;
import java.time.Clock;
import java.time.Duration;

/**
 * SQLite: its writer already commits concurrent writes together, so the accept goes to it
 * directly, ahead of the workers' writes. Through the committer thread as well, each batch took
 * two more thread hand-offs, and on two busy cores every hand-off waits for a core. No subject lock
 * is taken: the one writer runs every write in turn.
 */
final class DirectAccept implements AcceptPath {
    private final DeliveryStore store;
    private final Intake intake;
    private final Clock clock;
    private final Duration timeout;

    DirectAccept(DeliveryStore store, Intake intake, Clock clock, Duration timeout) {
        this.store = store;
        this.intake = intake;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public AcceptResult accept(NewDelivery d) {
        long now = clock.millis();
        AcceptResult result = store.writeFirst("accept delivery " + d.key(), timeout, w -> intake.acceptIn(w, d, now));
        intake.committed(d, result);
        return result;
    }
}
