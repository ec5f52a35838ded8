package dev.evalbot.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleLoggingTest {
    @Test
    void stdoutOneLinePerEventLibrariesAtWarnRootAtTheConfiguredLevel() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging.configure(context, "DEBUG");
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.DEBUG, root.getLevel());
        assertEquals(Level.WARN, context.getLogger("org.eclipse.jetty").getLevel());
        assertEquals(Level.WARN, context.getLogger("org.flywaydb.core.Flyway").getEffectiveLevel());
        assertEquals(Level.DEBUG, context.getLogger("dev.evalbot.app.EvalbotApp").getEffectiveLevel());
        ConsoleAppender<ILoggingEvent> stdout = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDOUT");
        assertTrue(stdout.isStarted());
        assertEquals(ConsoleLogging.PATTERN, ((PatternLayoutEncoder) stdout.getEncoder()).getPattern());
    }

    @Test
    void aWordThatIsNoLevelMeansInfo() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging.configure(context, "loud");
        assertEquals(Level.INFO, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
    }

    @Test
    void aLogbackTestXmlOnTheClassPathWinsAndTheServiceIsRegistered() throws IOException {
        assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, new ConsoleLogging().configure(new LoggerContext()));
        try (InputStream in = getClass().getResourceAsStream("/META-INF/services/" + Configurator.class.getName())) {
            assertEquals(ConsoleLogging.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }
}
