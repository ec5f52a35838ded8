package dev.evalbot.app.reconcile;

import dev.evalbot.app.event.PlatformId;
import java.util.Set;

/** Where one platform's open pull requests are listed. */
public interface PullSource {
    PlatformId platform();

    /**
     * Lists the open pull requests of every repository this source sweeps, handing each to
     * {@code found} as it goes. A page whose pull requests were all handed over without a failure
     * may be skipped by the next sweep when it did not change.
     *
     * @param seen repositories evalbot has reviewed or received webhooks for
     * @return what was swept
     */
    SweepResult sweep(Set<String> seen, Found found);

    /** Takes one open pull request; throws when it could not be queued (the page is swept again next time). */
    @FunctionalInterface
    interface Found {
        void found(OpenPull pull);
    }

    /**
     * @param repositories repositories listed (an unchanged listing counts)
     * @param stopped why the sweep stopped early (a spent budget, a rate limit), or null
     */
    record SweepResult(int repositories, String stopped) {}
}
