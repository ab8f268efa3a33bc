package io.github.twssupervisor.testutil;

import io.github.twssupervisor.wire.Handshake;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A misbehaving TWS for failure tests: a loopback server socket whose accepted connections run a script on a
 * background thread (stall, close, send garbage). Everything it opened is closed by {@link #close()}.
 */
public final class FakeTws implements AutoCloseable {

    /** What to do with one accepted connection. */
    @FunctionalInterface
    public interface Script {
        /**
         * @param socket the accepted connection
         * @param in     its input
         * @throws IOException when the peer goes away
         */
        void run(Socket socket, DataInputStream in) throws IOException;
    }

    private final ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();
    private final Thread acceptor;

    /**
     * @param script run for each accepted connection
     */
    public FakeTws(Script script) {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    synchronized (accepted) {
                        accepted.add(socket);
                    }
                    Thread worker = new Thread(() -> {
                        try {
                            script.run(socket, new DataInputStream(socket.getInputStream()));
                        } catch (IOException ignored) {
                            // the client went away: the script is over
                        }
                    }, "fake-tws-connection");
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "fake-tws-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the port it listens on */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * Reads the client's preamble and version frame.
     *
     * @param in the connection's input
     * @throws IOException when the client goes away
     */
    public static void readHello(DataInputStream in) throws IOException {
        byte[] preamble = new byte[Handshake.preamble().length];
        in.readFully(preamble);
        byte[] version = new byte[in.readInt()];
        in.readFully(version);
    }

    /**
     * Reads and discards until the client closes.
     *
     * @param in the connection's input
     * @throws IOException when the client goes away
     */
    public static void drain(DataInputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        while (in.read(buffer) >= 0) {
            // discard
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            synchronized (accepted) {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
