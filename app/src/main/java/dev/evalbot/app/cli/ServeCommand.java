package dev.evalbot.app.cli;

import dev.evalbot.app.EvalbotApp;
import dev.evalbot.app.cli.common.ExitCodes;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** {@code evalbot serve}: the webhook server, until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the webhook server on $EVALBOT_PORT (default 8080; $PORT wins when set). GitHub and the "
                + "Hub are each live when their credentials are set; with none it runs in dry-run on the shipped "
                + "examples. $EVALBOT_MODE=live|dry-run forces the mode.")
final class ServeCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        EvalbotApp app = EvalbotApp.start(System.getenv(), Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close(); // finish running work, leave the rest in the inbox for the next start
            stopped.countDown();
        }, "evalbot-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }
}
