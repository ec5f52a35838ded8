package dev.evalbot.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.evalbot.app.config.ConfigSource;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.registry.HubAccess;
import dev.evalbot.app.review.Links;
import dev.evalbot.app.review.ReportJson;
import dev.evalbot.app.review.Review;
import dev.evalbot.app.review.ReviewRenderer;
import dev.evalbot.app.review.SarifWriter;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.app.trust.SourceChecker;
import dev.evalbot.app.trust.TokenVerifier;
import dev.evalbot.app.trust.TrustAnnotations;
import dev.evalbot.app.trust.TrustConfig;
import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.ChangeValidator;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What {@code validate} and {@code review} share: configuration, the validator, the printers. */
record ReviewSession(ConfigSource source, LocalConfig config, BenchmarkRegistry registry, ChangeValidator validator, ObjectMapper json,
        TrustAnnotator trust) {
    static ReviewSession open(ReportOptions options, Map<String, String> env, Clock clock) {
        if (options.online && options.offline) {
            throw new IllegalArgumentException("--online and --offline exclude each other");
        }
        ConfigSource source = options.local.source(env);
        LocalConfig config = options.local.load(source);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        BenchmarkRegistry registry = config.registry(HubAccess.fromEnvironment(env), options.online,
                options.local.registry(), clock);
        TrustAnnotator trust = TrustAnnotator.OFFLINE;
        if (options.online) {
            TrustConfig trustConfig = TrustConfig.fromEnvironment(env);
            trust = new TrustAnnotations(TokenVerifier.fromConfig(trustConfig, clock), new SourceChecker(trustConfig, clock),
                    dev.evalbot.app.trust.ApiCredentials.NONE, new dev.evalbot.app.trust.CitedLogCheck(
                            new dev.evalbot.app.trust.CitedLogs(trustConfig,
                                    dev.evalbot.app.trust.LogReadLimits.fromEnvironment(env), clock),
                            new dev.evalbot.app.trust.LogAgreement(registry, config.rules())));
        }
        return new ReviewSession(source, config, registry, new ChangeValidator(config.rules(), registry, clock), json, trust);
    }

    /** The review as the bot would post it: trust checks online, shown as skipped offline. */
    Review review(String repo, int number, String headSha, ChangeReport report) {
        PullRequestRef pr = new PullRequestRef(PlatformId.of("local"), repo, "model", number, headSha, null, null, null, Set.of(), null);
        TrustAnnotator.Annotated annotated = trust.annotate(pr, report, false);
        return new Review(repo, number, headSha, annotated.report(), annotated.statuses(), List.of(), false);
    }

    void print(Review review, OutputFormat format, PrintWriter out) throws Exception {
        print(review, format, out, List.of());
    }

    /**
     * @param notices the bot's own paragraphs under the verdict (the model-index notice): in the
     *     comment, as the bot posts them, and after the findings in text; not in the machine formats
     */
    void print(Review review, OutputFormat format, PrintWriter out, List<String> notices) throws Exception {
        ChangeReport report = review.report();
        switch (format) {
            case text -> {
                // Which rules judged the files: the shipped ones, or a directory (and why that one).
                out.println(source.describe());
                TextReport.print(report, out);
                notices.forEach(n -> out.println("\n" + n));
            }
            case json -> out.println(json.writeValueAsString(new ReportJson(json).change(report, review)));
            case sarif -> out.println(json.writeValueAsString(new SarifWriter(json, Main.VERSION).write(report)));
            case markdown -> out.print(new ReviewRenderer(Links.NONE).render(review, notices));
            case github -> WorkflowCommands.print(report, out);
        }
        out.flush();
    }
}
