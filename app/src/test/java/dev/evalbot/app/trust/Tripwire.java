package dev.evalbot.app.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A loopback port nobody should ever reach. Any connection made to it during a check has
 * completed its handshake before the check returned, so it is already waiting in the accept
 * queue: {@link #touched()} finds it at once, without sleeping.
 */
final class Tripwire implements AutoCloseable {
    private final ServerSocket socket;

    Tripwire() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    boolean touched() {
        try {
            socket.setSoTimeout(20);
            try (Socket ignored = socket.accept()) {
                return true;
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
