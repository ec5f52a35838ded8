package dev.evalbot.app.server;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;
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

    public EvalbotServer(ServerSettings settings, PrometheusMeterRegistry metrics, BooleanSupplier ready) {
        this.settings = settings;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.jetty.defaultHost = settings.host();
            config.jetty.defaultPort = settings.port();
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
        app.exception(dev.evalbot.app.store.StoreUnavailableException.class, (e, ctx) -> {
            LOG.warn("store unavailable, answering 503: {}", e.getMessage());
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).contentType("application/json")
                    .result("{\"status\":503,\"message\":\"store unavailable, retry later\"}");
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType("application/json")
                    .result("{\"status\":500,\"message\":\"internal error\"}");
        });
    }

    public EvalbotServer post(String path, Handler handler) {
        app.post(path, handler);
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
