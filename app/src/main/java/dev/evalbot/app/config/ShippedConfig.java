package dev.evalbot.app.config;

import dev.evalbot.rules.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The configuration packaged in the jar at build time ({@code config/evalbot.yaml} and
 * {@code config/benchmarks/}, copied by app/pom.xml under {@value #RESOURCE_DIR}/), as a
 * directory: a plain one when running from classes (tests), the jar's own file system otherwise,
 * so that {@link LocalConfig} reads both the same way as any configuration directory.
 */
public final class ShippedConfig {
    public static final String RESOURCE_DIR = "evalbot-config";

    private ShippedConfig() {}

    public static Path root() {
        URL marker = ShippedConfig.class.getResource("/" + RESOURCE_DIR + "/evalbot.yaml");
        if (marker == null) {
            throw new ConfigException("the configuration shipped with evalbot is missing from its class path "
                    + "(" + RESOURCE_DIR + "/evalbot.yaml); name one with --config or " + ConfigSource.ENV);
        }
        try {
            URI uri = marker.toURI();
            if (uri.getScheme().equals("jar")) {
                return jarFileSystem(uri).provider().getPath(uri).getParent();
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException | IOException e) {
            throw new ConfigException("cannot open the configuration shipped with evalbot (" + marker + "): "
                    + e.getClass().getSimpleName());
        }
    }

    /** The jar's file system stays open for the life of the process: definitions are read from it. */
    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        }
    }
}
