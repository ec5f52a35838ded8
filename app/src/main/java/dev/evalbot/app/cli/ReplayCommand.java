package dev.evalbot.app.cli;

import dev.evalbot.app.inbox.DeliveryAdmin;
import dev.evalbot.app.inbox.ReplayResult;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.StoreException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code evalbot replay DELIVERY_ID}: run a delivery again from its first attempt. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Make a delivery pending again with its attempts reset; the server's workers run it.")
public final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DELIVERY_ID",
            description = "The delivery key shown by `evalbot deliveries` (GitHub's X-GitHub-Delivery, or the"
                    + " SHA-256 of a Hub body).")
    String deliveryId;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public ReplayCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Database db = StoreAccess.open(env)) {
            ReplayResult result = new DeliveryAdmin(db, Clock.systemUTC()).replay(deliveryId);
            switch (result) {
                case REPLAYED:
                    out.println("replayed " + deliveryId + ": pending, attempts reset; a worker will run it");
                    out.flush();
                    return 0;
                case RUNNING:
                    err.println("evalbot replay: " + deliveryId + " is running now; replay it once it has finished");
                    return 1;
                default:
                    err.println("evalbot replay: no delivery " + deliveryId + " (see `evalbot deliveries`)");
                    return 1;
            }
        } catch (IllegalArgumentException | StoreException e) {
            err.println("evalbot replay: " + e.getMessage());
            return 2;
        }
    }
}
