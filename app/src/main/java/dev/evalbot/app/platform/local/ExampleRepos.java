package dev.evalbot.app.platform.local;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.store.PullRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The dry-run's example checkouts ({@code config/examples/models/owner/name/}): what tells the
 * results a dry-run made (GitHub pull requests on those repositories) from those of a live deployment.
 */
public record ExampleRepos(Path root) {
    public boolean holds(PullRef pull) {
        if (!pull.platform().equals(PlatformId.GITHUB) || !pull.repo().matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
                || pull.repo().contains("..")) {
            return false;
        }
        Path dir = root.resolve(pull.repo()).normalize();
        return dir.startsWith(root.normalize()) && Files.isDirectory(dir);
    }

    /** The pull requests that are not the examples': a live deployment's. */
    public List<PullRef> others(List<PullRef> pulls) {
        return pulls.stream().filter(p -> !holds(p)).toList();
    }

    /** The pull requests of the examples. */
    public List<PullRef> of(List<PullRef> pulls) {
        return pulls.stream().filter(this::holds).toList();
    }
}
