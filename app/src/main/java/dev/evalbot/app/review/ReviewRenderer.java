package dev.evalbot.app.review;

import dev.evalbot.rules.check.FileKind;
import dev.evalbot.rules.check.FileReport;
import dev.evalbot.rules.check.Finding;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.check.Verdict;
import dev.evalbot.rules.model.ResultEntry;
import java.math.BigDecimal;
import java.util.List;

/**
 * Renders a {@link Review} as the one Markdown comment evalbot posts: a one-line verdict, a table
 * per file, the findings with links to their lines, long parts folded in {@code <details>}.
 * Everything that comes from the pull request goes through {@link Markdown}.
 */
public final class ReviewRenderer {
    public static final String MARKER = "<!-- evalbot:review -->";
    /** Findings beyond this many per file are folded, so a huge bad file stays readable. */
    private static final int OPEN_FINDINGS = 10;
    private static final int MAX_FINDINGS_SHOWN = 200;

    private final Links links;

    public ReviewRenderer(Links links) {
        this.links = links;
    }

    public String render(Review review) {
        return render(review, List.of());
    }

    /** @param notices evalbot's own Markdown paragraphs shown under the verdict (never PR text) */
    public String render(Review review, List<String> notices) {
        StringBuilder md = new StringBuilder(2048);
        md.append(MARKER).append('\n');
        md.append("### ").append(headline(review)).append("\n\n");
        notices.forEach(n -> md.append(n).append("\n\n"));
        for (FileReport file : review.report().files()) {
            renderFile(md, review, file);
        }
        if (!review.report().changeFindings().isEmpty()) {
            md.append("**Change**\n\n");
            renderFindings(md, review.report().changeFindings());
        }
        if (!review.history().isEmpty()) {
            md.append("<details><summary>Maintainer commands (").append(review.history().size())
                    .append(")</summary>\n\n");
            review.history().forEach(h -> md.append("- ").append(h).append('\n'));
            md.append("\n</details>\n\n");
        }
        md.append("<sub>evalbot reviewed ");
        md.append(review.headSha() == null ? "the working tree" : Markdown.code(shortSha(review.headSha())));
        md.append(" · maintainers: <code>/evalbot help</code></sub>\n");
        return md.toString();
    }

    /** The one-line verdict, also used as the commit status description. */
    public static String headline(Review review) {
        Verdict verdict = review.verdict();
        long entries = review.report().files().stream().mapToLong(f -> f.entries().size()).sum();
        long files = review.report().files().size();
        String counts = count(review.report().count(Severity.ERROR), "error") + ", "
                + count(review.report().count(Severity.WARNING), "warning");
        String what = count(entries, "result") + " in " + count(files, "file");
        return switch (verdict) {
            case VALID -> "✅ evalbot: " + what + ", all valid";
            case VALID_WITH_WARNINGS -> (review.approved() ? "✅ evalbot: approved, " : "⚠️ evalbot: ")
                    + what + " valid, " + counts;
            case INVALID -> "❌ evalbot: " + what + ", " + counts;
        };
    }

    private void renderFile(StringBuilder md, Review review, FileReport file) {
        md.append("**").append(Markdown.code(file.path())).append("** · ").append(file.verdict().label());
        if (file.kind() == FileKind.BENCHMARK) {
            md.append(" (benchmark definition)");
        }
        md.append("\n\n");
        if (file.kind() == FileKind.RESULTS && !file.entries().isEmpty()) {
            md.append("| # | dataset / task | value | notes | tier | token | source | verdict |\n");
            md.append("|---|---|---|---|---|---|---|---|\n");
            for (ResultEntry e : file.entries()) {
                EntryStatus s = review.status(file.path(), e.index());
                Verdict v = Verdict.of(file.findingsFor(e.index()));
                md.append("| ").append(lineLink(file.path(), e.line(), Integer.toString(e.index()))).append(" | ")
                        .append(Markdown.code(e.datasetId())).append(" / ")
                        .append(Markdown.code(e.taskId() != null ? e.taskId() : e.dataset().taskId())).append(" | ")
                        .append(e.value() == null ? "–" : plain(e.value())).append(" | ")
                        .append(e.notes() == null ? "" : Markdown.text(abbreviate(e.notes(), 80))).append(" | ")
                        .append(s == null ? "–" : Markdown.text(s.shownTier())
                                + (s.tierReason() == null ? "" : " <sub>" + Markdown.text(s.tierReason()) + "</sub>"))
                        .append(" | ").append(s == null ? "–" : Markdown.text(s.token()))
                        .append(" | ").append(s == null ? "–" : Markdown.text(s.source())).append(attribution(e))
                        .append(s == null || s.log() == null ? "" : "<br><sub>" + Markdown.text(s.log()) + "</sub>")
                        .append(" | ").append(icon(v)).append(' ').append(v.label()).append(" |\n");
            }
            md.append('\n');
        }
        if (file.kind() == FileKind.BENCHMARK && file.benchmark().isPresent()) {
            md.append("Tasks: ").append(String.join(", ",
                    file.benchmark().get().taskIds().stream().map(Markdown::code).toList())).append("\n\n");
        }
        renderFindings(md, file.findings());
    }

    /** Who the source attributes the result to (source.org, else source.user), beside the source. */
    private static String attribution(ResultEntry e) {
        String by = e.source() == null ? null : e.source().attribution();
        return by == null ? "" : " <sub>by " + Markdown.text(by) + "</sub>";
    }

    private void renderFindings(StringBuilder md, List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        int shown = Math.min(findings.size(), MAX_FINDINGS_SHOWN);
        for (int i = 0; i < shown; i++) {
            if (i == OPEN_FINDINGS) {
                md.append("\n<details><summary>").append(findings.size() - OPEN_FINDINGS)
                        .append(" more findings</summary>\n\n");
            }
            renderFinding(md, findings.get(i));
        }
        if (findings.size() > MAX_FINDINGS_SHOWN) {
            md.append("- … and ").append(findings.size() - MAX_FINDINGS_SHOWN)
                    .append(" more; run `evalbot validate` locally for the full list\n");
        }
        if (findings.size() > OPEN_FINDINGS) {
            md.append("\n</details>\n");
        }
        md.append('\n');
    }

    private void renderFinding(StringBuilder md, Finding f) {
        String where = f.line() > 0 ? f.file() + ":" + f.line() + ":" + f.column() : f.file();
        md.append("- ").append(icon(f.severity())).append(" **").append(f.severity().label()).append("** ")
                .append(Markdown.code(f.code())).append(" at ")
                .append(f.line() > 0 ? lineLink(f.file(), f.line(), Markdown.code(where)) : Markdown.code(where))
                .append(": ").append(Markdown.text(f.message()));
        if (f.hint() != null) {
            md.append("<br>↳ ").append(Markdown.text(f.hint()));
        }
        md.append('\n');
    }

    private String lineLink(String path, int line, String label) {
        String url = links.line(path, line);
        return url == null ? label : Markdown.link(label, url);
    }

    private static String icon(Verdict v) {
        return switch (v) {
            case VALID -> "✅";
            case VALID_WITH_WARNINGS -> "⚠️";
            case INVALID -> "❌";
        };
    }

    private static String icon(Severity s) {
        return switch (s) {
            case ERROR -> "❌";
            case WARNING -> "⚠️";
            case NOTICE -> "ℹ️";
        };
    }

    private static String count(long n, String noun) {
        return Counted.of(n, noun);
    }

    static String plain(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }
}
