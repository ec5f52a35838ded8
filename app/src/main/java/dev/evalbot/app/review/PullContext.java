package dev.evalbot.app.review;

import dev.evalbot.app.event.PullRequestRef;
import java.util.List;

/** What maintainers said about a pull request, which every later review must keep showing. */
public interface PullContext {
    PullContext NONE = new PullContext() {
        @Override
        public List<String> history(PullRequestRef pr) {
            return List.of();
        }

        @Override
        public boolean approved(PullRequestRef pr) {
            return false;
        }
    };

    List<String> history(PullRequestRef pr);

    boolean approved(PullRequestRef pr);
}
