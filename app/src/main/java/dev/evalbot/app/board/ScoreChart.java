package dev.evalbot.app.board;

import dev.evalbot.rules.board.TaskBoard;
import dev.evalbot.rules.board.TopScoreHistory;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The top score of a task over time as an inline SVG step line: no script, no external asset,
 * styled by classes only (the policy forbids style attributes). Each step has a native tooltip.
 */
final class ScoreChart {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 180;
    private static final int LEFT = 64;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 26;

    private ScoreChart() {}

    /** @param id unique on the page, made by us (never from PR text) */
    static String render(TaskBoard board, String id) {
        List<TopScoreHistory.Point> points = TopScoreHistory.of(board);
        if (points.isEmpty()) {
            return "";
        }
        TopScoreHistory.Point first = points.get(0);
        TopScoreHistory.Point last = points.get(points.size() - 1);
        Instant end = board.lastChange() != null && board.lastChange().isAfter(last.at()) ? board.lastChange()
                : last.at();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (TopScoreHistory.Point p : points) {
            lo = Math.min(lo, p.value());
            hi = Math.max(hi, p.value());
        }
        if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.05;
            lo -= pad;
            hi += pad;
        }
        Scale scale = new Scale(first.at(), end, lo, hi);

        StringBuilder svg = new StringBuilder(512 + points.size() * 160);
        String title = "Top score over time, " + (board.lowerIsBetter() ? "lowest" : "highest") + " first reached";
        svg.append("<figure class=\"chart\">\n<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title\">")
                .append("<title id=\"").append(id).append("-title\">").append(Html.text(title)).append("</title>\n");
        axes(svg, scale, lo, hi, first.at(), end);

        StringBuilder path = new StringBuilder("M").append(num(scale.x(first.at()))).append(',')
                .append(num(scale.y(first.value())));
        for (TopScoreHistory.Point p : points.subList(1, points.size())) {
            path.append(" H").append(num(scale.x(p.at()))).append(" V").append(num(scale.y(p.value())));
        }
        path.append(" H").append(num(scale.x(end)));
        svg.append("<path class=\"chart-line\" d=\"").append(path).append("\"/>\n");
        for (TopScoreHistory.Point p : points) {
            svg.append("<circle class=\"chart-dot\" r=\"3.5\" cx=\"").append(num(scale.x(p.at())))
                    .append("\" cy=\"").append(num(scale.y(p.value()))).append("\"><title>")
                    .append(Html.text(p.modelRepo() + ": " + Formats.value(p.value()) + " on " + Formats.day(p.at())))
                    .append("</title></circle>\n");
        }
        svg.append("</svg>\n<figcaption>Top score over time: ").append(Html.text(Formats.value(last.value())))
                .append(" by <bdi>").append(Html.text(last.modelRepo())).append("</bdi> since ")
                .append(Formats.time(last.at())).append(", ").append(points.size())
                .append(points.size() == 1 ? " record" : " records").append(".</figcaption>\n</figure>\n");
        return svg.toString();
    }

    private static void axes(StringBuilder svg, Scale scale, double lo, double hi, Instant from, Instant to) {
        int bottom = HEIGHT - BOTTOM;
        svg.append("<line class=\"chart-axis\" x1=\"").append(LEFT).append("\" y1=\"").append(bottom)
                .append("\" x2=\"").append(WIDTH - RIGHT).append("\" y2=\"").append(bottom).append("\"/>\n")
                .append("<line class=\"chart-axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" x2=\"").append(LEFT).append("\" y2=\"").append(bottom).append("\"/>\n");
        label(svg, LEFT - 6, TOP + 4, "end", Formats.value(hi));
        label(svg, LEFT - 6, bottom, "end", Formats.value(lo));
        label(svg, LEFT, HEIGHT - 8, "start", Formats.day(from));
        label(svg, WIDTH - RIGHT, HEIGHT - 8, "end", Formats.day(to));
    }

    private static void label(StringBuilder svg, int x, int y, String anchor, String text) {
        svg.append("<text class=\"chart-label\" x=\"").append(x).append("\" y=\"").append(y)
                .append("\" text-anchor=\"").append(anchor).append("\">").append(Html.text(text)).append("</text>\n");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Time to x, value to y (higher values up, whatever the direction of the task). */
    private record Scale(Instant from, Instant to, double lo, double hi) {
        double x(Instant t) {
            long span = to.toEpochMilli() - from.toEpochMilli();
            double f = span <= 0 ? 0 : (t.toEpochMilli() - from.toEpochMilli()) / (double) span;
            return LEFT + f * (WIDTH - LEFT - RIGHT);
        }

        double y(double v) {
            // Halves first: hi - lo of two huge values of opposite sign would overflow.
            return TOP + (hi * 0.5 - v * 0.5) / (hi * 0.5 - lo * 0.5) * (HEIGHT - TOP - BOTTOM);
        }
    }
}
