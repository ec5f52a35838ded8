package dev.evalbot.app.trust;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Name to addresses; injectable so tests control what a name resolves to. */
@FunctionalInterface
public interface HostResolver {
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** Every address of {@code host}, a DNS name (never an IP literal: those are parsed, not resolved). */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
