package dev.evalbot.app.store;

import dev.evalbot.app.event.PlatformId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The repositories evalbot has seen on a platform: those with a stored review (kept for good) and
 * those of the deliveries the inbox still holds (kept a week), which includes the ones that failed.
 */
public final class SeenRepos {
    private final Database db;

    public SeenRepos(Database db) {
        this.db = db;
    }

    public Set<String> of(PlatformId platform) {
        return db.read("list the repositories seen on " + platform.code(), c -> {
            Set<String> repos = new TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT repo FROM reviews WHERE platform = ?")) {
                ps.setString(1, platform.code());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        repos.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT subject FROM deliveries WHERE platform = ?")) {
                ps.setString(1, platform.code());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String repo = repoOf(platform, rs.getString(1));
                        if (repo != null) {
                            repos.add(repo);
                        }
                    }
                }
            }
            return repos;
        });
    }

    /** {@code github:owner/name#12} to {@code owner/name}; null for a subject of another shape. */
    public static String repoOf(PlatformId platform, String subject) {
        String prefix = platform.code() + ":";
        int hash = subject == null ? -1 : subject.lastIndexOf('#');
        if (hash <= prefix.length() || !subject.startsWith(prefix)) {
            return null;
        }
        String repo = subject.substring(prefix.length(), hash);
        return repo.indexOf('/') > 0 ? repo : null;
    }
}
