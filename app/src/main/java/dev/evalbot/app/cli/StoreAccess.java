package dev.evalbot.app.cli;

import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Opens the store named by {@code EVALBOT_DB} for a command, or says in one line why it cannot. */
final class StoreAccess {
    private StoreAccess() {}

    /**
     * @throws IllegalArgumentException when the environment names no usable database; an SQLite file
     *     that does not exist counts (a typo must not create an empty inbox and report it empty)
     * @throws dev.evalbot.app.store.StoreException when the database cannot be opened
     */
    static Database open(Map<String, String> env) {
        StoreConfig config = StoreConfig.fromEnvironment(env);
        Optional<Path> file = config.sqliteFile();
        if (file.isPresent() && !Files.exists(file.get())) {
            throw new IllegalArgumentException("no database at " + file.get().toAbsolutePath()
                    + " (set EVALBOT_DB to the server's JDBC URL)");
        }
        return Database.open(config);
    }
}
