package dev.evalbot.app.inbox;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How long a claim holds a delivery, how often a running replica renews its claims, and which
 * replica it is. A replica killed with {@code kill -9} stops renewing: its claims become claimable by
 * any replica when the lease runs out, and a replica restarted with the same {@code replicaId}
 * takes its previous run's claims back at once.
 *
 * @param lease how long a claim lasts without renewal ({@code EVALBOT_LEASE_SECONDS}, default 8 s):
 *     the longest a dead replica's deliveries wait for another replica
 * @param heartbeat how often running claims are renewed ({@code EVALBOT_HEARTBEAT_SECONDS}, default
 *     2 s); at most half the lease, so one late beat does not lose a claim
 * @param replicaId a name unique among the replicas sharing one store and stable across restarts
 *     ({@code EVALBOT_REPLICA_ID}, e.g. a StatefulSet pod name); null when not set: then only the
 *     lease frees a dead replica's claims
 */
public record LeaseSettings(Duration lease, Duration heartbeat, String replicaId) {
    public static final LeaseSettings DEFAULT = new LeaseSettings(Duration.ofSeconds(8), Duration.ofSeconds(2), null);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    public LeaseSettings {
        if (lease.toMillis() < 1 || heartbeat.toMillis() < 1) {
            throw new IllegalArgumentException("the lease and the heartbeat must be positive");
        }
        if (heartbeat.multipliedBy(2).compareTo(lease) > 0) {
            throw new IllegalArgumentException("the heartbeat (" + heartbeat.toMillis() + " ms) must be at most half"
                    + " the lease (" + lease.toMillis() + " ms), or one late renewal loses the claim");
        }
        if (replicaId != null && !ID.matcher(replicaId).matches()) {
            throw new IllegalArgumentException("EVALBOT_REPLICA_ID must be 1 to 100 letters, digits or . _ : -");
        }
    }

    /** A lease as before this setting existed: renewed every third of it, no replica name. */
    public static LeaseSettings of(Duration lease) {
        return new LeaseSettings(lease, Duration.ofMillis(Math.max(1, lease.toMillis() / 3)), null);
    }

    /**
     * Reads {@code EVALBOT_LEASE_SECONDS}, {@code EVALBOT_HEARTBEAT_SECONDS} (numbers, fractions
     * allowed) and {@code EVALBOT_REPLICA_ID}; a malformed value names its variable.
     */
    public static LeaseSettings fromEnvironment(Map<String, String> env) {
        Duration lease = seconds(env, "EVALBOT_LEASE_SECONDS", DEFAULT.lease());
        Duration heartbeat = seconds(env, "EVALBOT_HEARTBEAT_SECONDS",
                env.containsKey("EVALBOT_LEASE_SECONDS") && !env.containsKey("EVALBOT_HEARTBEAT_SECONDS")
                        ? Duration.ofMillis(Math.max(1, lease.toMillis() / 4)) : DEFAULT.heartbeat());
        String id = env.get("EVALBOT_REPLICA_ID");
        return new LeaseSettings(lease, heartbeat, id == null || id.isBlank() ? null : id.trim());
    }

    /** The lease token of a new claim: the replica's name first, so that its next run knows its own. */
    String token(String unique) {
        return replicaId == null ? unique : replicaId + "/" + unique;
    }

    private static Duration seconds(Map<String, String> env, String name, Duration fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double s = Double.parseDouble(value.trim());
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.max(1, Math.round(s * 1000)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive number of seconds, got " + value);
        }
    }
}
