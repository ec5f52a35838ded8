package dev.evalbot.app.review;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.ChangeValidator;
import dev.evalbot.rules.check.ChangedFile;
import dev.evalbot.rules.check.FileKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The review comment shows who a source attributes the result to: source.org, else source.user. */
class SourceAttributionTest {
    private static String render(String yaml) {
        LocalConfig config = LocalConfig.load(Path.of("../config"), null);
        ChangeReport report = new ChangeValidator(config.rules(), config.registry(), Clock.systemUTC()).validate("o/m",
                List.of(new ChangedFile(".eval_results/hle.yaml", FileKind.RESULTS, yaml.getBytes(StandardCharsets.UTF_8), null)));
        Review review = new Review("o/m", 1, "abcdef0123", report,
                Map.of(Review.key(".eval_results/hle.yaml", 1), EntryStatus.offline(false, true)), List.of(), false);
        return new ReviewRenderer((path, line) -> null).render(review);
    }

    @Test
    void theOrgIsShownBesideTheSource() {
        String md = render("- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n"
                + "  source: {url: 'https://huggingface.co/datasets/cais/hle', name: CAIS HLE, user: celinah, org: cais}\n");
        assertTrue(md.contains(" <sub>by cais</sub> | ✅ valid |"), md);
    }

    @Test
    void theUserWhenThereIsNoOrgAndNothingWithoutEither() {
        assertTrue(render("- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n"
                + "  source: {url: 'https://example.org/x', user: celinah}\n").contains("<sub>by celinah</sub>"));
        assertFalse(render("- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n"
                + "  source: {url: 'https://example.org/x'}\n").contains("<sub>by"));
    }
}
