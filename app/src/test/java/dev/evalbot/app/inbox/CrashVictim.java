package dev.evalbot.app.inbox;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.MutableClock;
import dev.evalbot.app.store.StoreConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Run in a child JVM by {@link SqliteDurabilityTest}: accepts deliveries for ever, printing each key
 * only after accept returned, and holds two claims without finishing them, until it is killed.
 */
public final class CrashVictim {
    private CrashVictim() {}

    public static void main(String[] args) {
        Database db = Database.open(StoreConfig.of(args[0]));
        Inbox inbox = new Inbox(db, InboxConfig.DEFAULT, MutableClock.atDefaultStart(), Jitter.none(),
                new SimpleMeterRegistry(), PlatformModules.known(), LeaseSettings.of(InboxConfig.DEFAULT.lease()));
        for (int i = 0; ; i++) {
            String key = "victim-" + i;
            inbox.accept(Deliveries.command(key, "github:o/r#" + (i % 7)));
            System.out.println("accepted " + key);
            if (i == 10) {
                for (int c = 0; c < 2; c++) {
                    System.out.println("claimed " + inbox.claim().orElseThrow().delivery().key());
                }
            }
            System.out.flush();
        }
    }
}
