package dev.evalbot.app.platform.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.store.PullRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleReposTest {
    @TempDir
    Path tmp;

    @Test
    void onlyGitHubPullRequestsOnAnExampleCheckoutAreTheDryRuns() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("examples"));
        Files.createDirectories(root.resolve("open-lab/atlas-7b"));
        Files.createDirectories(tmp.resolve("outside/model"));
        PullRef seeded = new PullRef(PlatformId.GITHUB, "open-lab/atlas-7b", 0);
        PullRef reviewed = new PullRef(PlatformId.GITHUB, "open-lab/atlas-7b", 2);
        PullRef onTheHub = new PullRef(PlatformId.HUB, "open-lab/atlas-7b", 0);
        PullRef elsewhere = new PullRef(PlatformId.GITHUB, "acme/model", 0);
        PullRef escaping = new PullRef(PlatformId.GITHUB, "../outside", 0);
        PullRef owner = new PullRef(PlatformId.GITHUB, "open-lab", 0);
        ExampleRepos examples = new ExampleRepos(root);
        List<PullRef> all = List.of(seeded, reviewed, onTheHub, elsewhere, escaping, owner);
        assertEquals(List.of(seeded, reviewed), examples.of(all));
        assertEquals(List.of(onTheHub, elsewhere, escaping, owner), examples.others(all));
    }
}
