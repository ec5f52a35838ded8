package dev.evalbot.app.board;

import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.Row;
import dev.evalbot.rules.board.TaskBoard;
import dev.evalbot.rules.tier.Tier;
import java.util.List;
import java.util.Optional;

/**
 * The badge of one model on one task: {@code GET /badges/{model}/{benchmark}/{task}.svg}, value
 * and tier of the model's shown report, as on the leaderboard. Withdrawn reports never make a
 * badge. Without {@code ?platform=}, a Hub model is preferred to a GitHub one of the same name.
 */
final class Badges {
    static final String PREFIX = "/badges/";

    private Badges() {}

    /** What a badge path names. */
    record Request(String model, String benchmark, String task) {
        /** {@code owner/name/bowner/bname/task.svg}; the task may hold slashes. */
        static Optional<Request> parse(String path) {
            if (path == null || !path.endsWith(".svg") || path.length() > 1024) {
                return Optional.empty();
            }
            String[] parts = path.substring(0, path.length() - 4).split("/", 5);
            if (parts.length != 5) {
                return Optional.empty();
            }
            for (String part : parts) {
                if (part.isEmpty()) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Request(parts[0] + "/" + parts[1], parts[2] + "/" + parts[3], parts[4]));
        }
    }

    /** The row a badge shows, if the model has one on the task. */
    static Optional<Row> row(Leaderboard board, Request r, String platform, ModelLinks links) {
        Optional<TaskBoard> task = board.task(r.task());
        if (task.isEmpty()) {
            return Optional.empty();
        }
        List<String> platforms = platform != null ? List.of(platform) : links.preferred();
        for (String p : platforms) {
            Optional<Row> row = task.get().row(p, r.model());
            if (row.isPresent()) {
                return row;
            }
        }
        return platform != null ? Optional.empty()
                : task.get().rows().stream().filter(x -> x.modelRepo().equals(r.model())).findFirst();
    }

    static String label(String benchmark, String task) {
        String name = benchmark.substring(benchmark.indexOf('/') + 1);
        return name.equalsIgnoreCase(task) ? task : name + " / " + task;
    }

    static String svg(Row row, Request r) {
        return BadgeSvg.render(label(r.benchmark(), r.task()),
                Formats.value(row.value()) + " · " + row.best().tier().label()
                        + (row.best().logChecked() && row.best().tier() != Tier.VERIFIED ? " · log-checked" : ""),
                BadgeSvg.color(row.best().tier().label()));
    }

    static String notFound(Request r) {
        return BadgeSvg.render(label(r.benchmark(), r.task()), "no result", BadgeSvg.NOT_FOUND);
    }

    /** The badge's path for a row, each segment percent-encoded. */
    static String path(String model, String benchmark, String task) {
        StringBuilder out = new StringBuilder(PREFIX.length() + 64).append(PREFIX.substring(0, PREFIX.length() - 1));
        for (String part : (model + "/" + benchmark).split("/", -1)) {
            out.append('/').append(ModelLinks.segment(part));
        }
        for (String part : task.split("/", -1)) {
            out.append('/').append(ModelLinks.segment(part));
        }
        return out.append(".svg").toString();
    }
}
