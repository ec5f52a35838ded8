package dev.evalbot.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.review.EntryStatus;
import dev.evalbot.app.review.Links;
import dev.evalbot.app.review.ReportJson;
import dev.evalbot.app.review.Review;
import dev.evalbot.app.review.ReviewRenderer;
import dev.evalbot.app.review.SarifWriter;
import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.ChangeValidator;
import dev.evalbot.rules.check.FileReport;
import dev.evalbot.rules.model.ResultEntry;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What {@code validate} and {@code review} share: configuration, the validator, the printers. */
record ReviewSession(LocalConfig config, BenchmarkRegistry registry, ChangeValidator validator, ObjectMapper json) {
    static ReviewSession open(ReportOptions options, Map<String, String> env, Clock clock) {
        if (options.online && options.offline) {
            throw new IllegalArgumentException("--online and --offline exclude each other");
        }
        LocalConfig config = LocalConfig.load(LocalConfig.dirFrom(env, options.config), options.registry);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        BenchmarkRegistry registry = config.registry(env, options.online, options.registry, clock);
        return new ReviewSession(config, registry, new ChangeValidator(config.rules(), registry, clock), json);
    }

    /** The review as the bot would post it, with network checks shown as skipped. */
    static Review offlineReview(String repo, int number, String headSha, ChangeReport report) {
        Map<String, EntryStatus> statuses = new HashMap<>();
        for (FileReport f : report.files()) {
            for (ResultEntry e : f.entries()) {
                statuses.put(Review.key(f.path(), e.index()),
                        EntryStatus.offline(e.verifyToken() != null, e.source() != null));
            }
        }
        return new Review(repo, number, headSha, report, statuses, List.of(), false);
    }

    void print(ChangeReport report, Review review, OutputFormat format, PrintWriter out) throws Exception {
        switch (format) {
            case text -> TextReport.print(report, out);
            case json -> out.println(json.writeValueAsString(new ReportJson(json).change(report, review)));
            case sarif -> out.println(json.writeValueAsString(new SarifWriter(json, Main.VERSION).write(report)));
            case markdown -> out.print(new ReviewRenderer(Links.NONE).render(
                    review != null ? review : offlineReview("local", 0, null, report)));
        }
        out.flush();
    }
}
