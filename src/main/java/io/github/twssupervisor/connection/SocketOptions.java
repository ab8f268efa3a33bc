package io.github.twssupervisor.connection;

import akka.io.Inet;
import akka.io.TcpSO;
import io.github.twssupervisor.config.ConnectionSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import jdk.net.ExtendedSocketOptions;

/**
 * The target and socket options of a TWS connection, as Akka IO takes them for {@code Tcp.outgoingConnection}. Buffers, no-delay and
 * keep-alive go on before connect (a receive buffer above 64 KiB must be set before the TCP window is agreed); the
 * keep-alive timings (Linux and macOS only), TCP_QUICKACK (Linux only; both through {@link ExtendedSocketOptions}) and
 * the read-back run after connect ({@code SocketOptionV2.afterConnect}), on Akka's IO thread, which hands the report to
 * a callback. An option the platform lacks is skipped and reported empty.
 */
final class SocketOptions {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private SocketOptions() {
    }

    /**
     * An IP literal needs no lookup (the JDK only parses it), and Akka's asynchronous resolver costs a connect several
     * milliseconds; a host name is left to that resolver, so no actor ever blocks on DNS.
     */
    static InetSocketAddress remote(String host, int port) {
        boolean literal = host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
        return literal ? new InetSocketAddress(host, port) : InetSocketAddress.createUnresolved(host, port);
    }

    /**
     * @param settings what to apply
     * @param onApplied receives what the socket reports after connect; called on an Akka IO thread
     * @return options for {@code Tcp.outgoingConnection}
     */
    static List<Inet.SocketOption> forConnect(ConnectionSettings.Socket settings, Consumer<SocketOptionsReport> onApplied) {
        return List.of(TcpSO.receiveBufferSize(settings.receiveBuffer()), TcpSO.sendBufferSize(settings.sendBuffer()),
                TcpSO.keepAlive(settings.keepAlive()), TcpSO.tcpNoDelay(settings.tcpNoDelay()),
                new TuneAndReport(settings, onApplied));
    }

    /** Applies the extended keep-alive options and reads everything back. */
    private static final class TuneAndReport extends Inet.AbstractSocketOptionV2 {

        private final ConnectionSettings.Socket settings;
        private final Consumer<SocketOptionsReport> onApplied;

        TuneAndReport(ConnectionSettings.Socket settings, Consumer<SocketOptionsReport> onApplied) {
            this.settings = settings;
            this.onApplied = onApplied;
        }

        @Override
        public void afterConnect(Socket socket) {
            try {
                if (settings.keepAlive()) {
                    trySet(socket, ExtendedSocketOptions.TCP_KEEPIDLE, (int) settings.keepAliveIdle().toSeconds());
                    trySet(socket, ExtendedSocketOptions.TCP_KEEPINTERVAL,
                            (int) settings.keepAliveInterval().toSeconds());
                    trySet(socket, ExtendedSocketOptions.TCP_KEEPCOUNT, settings.keepAliveCount());
                }
                if (settings.tcpQuickAck()) {
                    trySetOption(socket, ExtendedSocketOptions.TCP_QUICKACK, true);
                }
                onApplied.accept(new SocketOptionsReport(socket.getOption(StandardSocketOptions.TCP_NODELAY),
                        socket.getOption(StandardSocketOptions.SO_RCVBUF),
                        socket.getOption(StandardSocketOptions.SO_SNDBUF),
                        socket.getOption(StandardSocketOptions.SO_KEEPALIVE),
                        read(socket, ExtendedSocketOptions.TCP_KEEPIDLE),
                        read(socket, ExtendedSocketOptions.TCP_KEEPINTERVAL),
                        read(socket, ExtendedSocketOptions.TCP_KEEPCOUNT),
                        read(socket, ExtendedSocketOptions.TCP_QUICKACK)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot apply socket options", e);
            }
        }

        private static void trySet(Socket socket, SocketOption<Integer> option, int value) throws IOException {
            trySetOption(socket, option, Math.max(1, value));
        }

        private static <T> void trySetOption(Socket socket, SocketOption<T> option, T value) throws IOException {
            if (socket.supportedOptions().contains(option)) {
                socket.setOption(option, value);
            }
        }

        private static <T> Optional<T> read(Socket socket, SocketOption<T> option) throws IOException {
            return socket.supportedOptions().contains(option) ? Optional.of(socket.getOption(option))
                    : Optional.empty();
        }
    }
}
