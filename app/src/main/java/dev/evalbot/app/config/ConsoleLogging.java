package dev.evalbot.app.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;

/**
 * evalbot's logging, set up in code (found by logback through {@code META-INF/services}): one line
 * per event on stdout, the libraries' chatter at WARN, the root level from {@code EVALBOT_LOG_LEVEL}
 * (INFO). Reading the same from a {@code logback.xml} loaded 600 classes (an XML parser and
 * logback's Joran) and cost 0.3 s of CPU at every start and every CLI command. A configuration of
 * one's own still wins: {@code -Dlogback.configurationFile=...}, or a {@code logback-test.xml} on
 * the class path (the tests'), and then logback reads that file as usual.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";
    /** Libraries that log at INFO what an operator does not need. */
    static final List<String> QUIET = List.of("org.eclipse.jetty", "io.javalin", "org.flywaydb", "io.micrometer",
            "org.kohsuke", "com.github.tomakehurst", "wiremock", "org.apache.hc", "io.zonky");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || ConsoleLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configure(context, LogSettings.fromEnvironment().level());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Stdout at {@code level} (INFO when it names no level), the {@link #QUIET} libraries at WARN. */
    static void configure(LoggerContext context, String level) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder);
        stdout.start();
        QUIET.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
        root.addAppender(stdout);
    }
}
