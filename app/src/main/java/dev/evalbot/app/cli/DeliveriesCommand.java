package dev.evalbot.app.cli;

import dev.evalbot.app.inbox.DeliveryAdmin;
import dev.evalbot.app.inbox.DeliveryRecord;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.StoreException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalbot deliveries [--failed]}: what the inbox holds, as a table. */
@Command(name = "deliveries", mixinStandardHelpOptions = true,
        description = "List webhook deliveries in the inbox (EVALBOT_DB), newest first.")
public final class DeliveriesCommand implements Callable<Integer> {
    static final int ERROR_WIDTH = 60;

    @Option(names = "--failed", description = "Only dead-lettered deliveries (failed for good or out of attempts).")
    boolean failed;

    @Option(names = "--limit", defaultValue = "50", description = "Most rows shown (default: ${DEFAULT-VALUE}).")
    int limit;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public DeliveriesCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (limit < 1) {
            err.println("evalbot deliveries: --limit must be at least 1");
            return 2;
        }
        try (Database db = StoreAccess.open(env)) {
            DeliveryAdmin admin = new DeliveryAdmin(db, Clock.systemUTC());
            List<DeliveryRecord> rows = failed ? admin.deadLetters(limit) : admin.recent(limit);
            if (rows.isEmpty()) {
                out.println(failed ? "no failed deliveries" : "no deliveries");
            } else {
                out.print(table(rows, !failed));
            }
            out.flush();
            return 0;
        } catch (IllegalArgumentException | StoreException e) {
            err.println("evalbot deliveries: " + e.getMessage());
            return 2;
        }
    }

    /** Aligned columns; the state column only when states are mixed. */
    static String table(List<DeliveryRecord> rows, boolean withState) {
        List<String[]> cells = new ArrayList<>();
        cells.add(withState
                ? new String[] {"KEY", "PLATFORM", "EVENT", "SUBJECT", "STATE", "ATTEMPTS", "LAST ERROR", "TIME"}
                : new String[] {"KEY", "PLATFORM", "EVENT", "SUBJECT", "ATTEMPTS", "LAST ERROR", "TIME"});
        for (DeliveryRecord r : rows) {
            String event = r.action() == null ? r.event() : r.event() + "." + r.action();
            String error = shorten(r.lastError() == null ? "-" : r.lastError());
            String time = time(r.updatedAt());
            cells.add(withState
                    ? new String[] {r.key(), r.platform().code(), event, r.subject(), r.state().code(),
                        Integer.toString(r.attempts()), error, time}
                    : new String[] {r.key(), r.platform().code(), event, r.subject(), Integer.toString(r.attempts()),
                        error, time});
        }
        int[] widths = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                sb.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String shorten(String s) {
        return s.length() <= ERROR_WIDTH ? s : s.substring(0, ERROR_WIDTH - 1) + "…";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
