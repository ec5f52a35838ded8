package dev.evalbot.app.trust;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** DNS the test controls: fixed answers, and a record of every name asked. */
final class FakeResolver implements HostResolver {
    final List<String> lookups = new CopyOnWriteArrayList<>();
    private final Map<String, List<InetAddress>> answers = new ConcurrentHashMap<>();

    FakeResolver answer(String host, InetAddress... addresses) {
        answers.put(host, List.of(addresses));
        return this;
    }

    FakeResolver answer(String host, String... literals) {
        List<InetAddress> list = new ArrayList<>();
        for (String literal : literals) {
            list.add(literal(literal));
        }
        answers.put(host, list);
        return this;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        lookups.add(host);
        List<InetAddress> a = answers.get(host);
        if (a == null) {
            throw new UnknownHostException(host);
        }
        return a;
    }

    static InetAddress literal(String literal) {
        try {
            return InetAddress.getByName(literal.contains(":") ? "[" + literal + "]" : literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
