package dev.evalbot.app.platform;

import dev.evalbot.app.core.Core;
import dev.evalbot.app.dispatch.Lane;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.reconcile.PullSource;
import dev.evalbot.app.reconcile.ReconcileSettings;
import java.io.IOException;
import java.util.Optional;

/**
 * The wiring of one platform onto the shared {@link Core}: its webhook route and the handler of
 * its deliveries. A platform that is off has no unit, so its route is not served (404). A new
 * platform is one new unit.
 */
public interface PlatformUnit {
    /** Whose deliveries the handler takes. */
    PlatformId platform();

    /** Mounts the platform's webhook route on {@code core.server()} and returns what the dispatcher needs of it. */
    Lane wire(Core core) throws IOException;

    /** Where the reconciler lists this platform's open pull requests, once {@link #wire} ran; none by default. */
    default Optional<PullSource> pullSource(ReconcileSettings settings) {
        return Optional.empty();
    }
}
