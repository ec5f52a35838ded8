package dev.evalbot.app.server;

import dev.evalbot.app.store.StoreUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: webhooks in, health and metrics out, plus whatever read-only routes the
 * composition root adds. Javalin is configured explicitly; nothing is discovered by magic.
 */
public final class EvalbotServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvalbotServer.class);
    private final Javalin app;
    private final ServerSettings settings;
    private final Map<String, DirectRoute> direct = new LinkedHashMap<>();

    public EvalbotServer(ServerSettings settings, PrometheusMeterRegistry metrics, BooleanSupplier ready) {
        this.settings = settings;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.jetty.defaultHost = settings.host();
            config.jetty.defaultPort = settings.port();
            // Run when the server starts, after the routes were added.
            config.jetty.modifyServletContextHandler(handler -> direct.forEach((path, route) -> handler.addFilter(
                    new FilterHolder(new DirectRouteFilter(route)), path, EnumSet.of(DispatcherType.REQUEST))));
        });
        app.get("/healthz", ctx -> ctx.result("ok"));
        app.get("/readyz", ctx -> {
            boolean ok;
            try {
                ok = ready.getAsBoolean();
            } catch (RuntimeException e) {
                ok = false;
            }
            ctx.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).result(ok ? "ready" : "not ready");
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        app.exception(StoreUnavailableException.class, (e, ctx) -> {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).contentType("application/json").result(answerStoreUnavailable(e));
        });
        app.exception(Exception.class, (e, ctx) -> {
            ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType("application/json")
                    .result(answerUnexpected(ctx.method().name(), ctx.path(), e));
        });
    }

    /** Logs it and gives the 503 reply's body: the sender should deliver again. */
    static String answerStoreUnavailable(StoreUnavailableException e) {
        LOG.warn("store unavailable, answering 503: {}", e.getMessage());
        return "{\"status\":503,\"message\":\"store unavailable, retry later\"}";
    }

    /** Logs it and gives the 500 reply's body. */
    static String answerUnexpected(String method, String path, Exception e) {
        LOG.error("unexpected error on {} {}", method, path, e);
        return "{\"status\":500,\"message\":\"internal error\"}";
    }

    /** A {@link DirectRoute} is served ahead of Javalin (see there); any other handler by Javalin. */
    public EvalbotServer post(String path, Handler handler) {
        if (handler instanceof DirectRoute route) {
            direct.put(path, route);
        } else {
            app.post(path, handler);
        }
        return this;
    }

    public EvalbotServer get(String path, Handler handler) {
        app.get(path, handler);
        return this;
    }

    public EvalbotServer start() {
        app.start();
        LOG.info("evalbot listening on {}:{}", settings.host(), port());
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
