package io.github.twssupervisor.connection;

import io.github.twssupervisor.config.ConnectionSettings;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.util.Optional;
import jdk.net.ExtendedSocketOptions;

/**
 * The socket options of a TWS connection. Buffers, no-delay and keep-alive go on before connect (a receive buffer above
 * 64 KiB must be set before the TCP window is agreed); the keep-alive timings (Linux and macOS only, through
 * {@link ExtendedSocketOptions}) and the read-back after.
 */
final class SocketOptions {

    private SocketOptions() {
    }

    /**
     * @param channel  a socket not yet connected
     * @param settings what to apply
     * @throws IOException when the socket refuses an option
     */
    static void beforeConnect(NetworkChannel channel, ConnectionSettings.Socket settings) throws IOException {
        channel.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBuffer());
        channel.setOption(StandardSocketOptions.SO_SNDBUF, settings.sendBuffer());
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, settings.keepAlive());
        channel.setOption(StandardSocketOptions.TCP_NODELAY, settings.tcpNoDelay());
    }

    /**
     * @param channel  a connected socket
     * @param settings what to apply
     * @return the options as the socket reports them now
     * @throws IOException when the socket refuses an option
     */
    static SocketOptionsReport afterConnect(NetworkChannel channel, ConnectionSettings.Socket settings)
            throws IOException {
        if (settings.keepAlive()) {
            trySet(channel, ExtendedSocketOptions.TCP_KEEPIDLE, (int) settings.keepAliveIdle().toSeconds());
            trySet(channel, ExtendedSocketOptions.TCP_KEEPINTERVAL, (int) settings.keepAliveInterval().toSeconds());
            trySet(channel, ExtendedSocketOptions.TCP_KEEPCOUNT, settings.keepAliveCount());
        }
        return new SocketOptionsReport(channel.getOption(StandardSocketOptions.TCP_NODELAY),
                channel.getOption(StandardSocketOptions.SO_RCVBUF), channel.getOption(StandardSocketOptions.SO_SNDBUF),
                channel.getOption(StandardSocketOptions.SO_KEEPALIVE), read(channel, ExtendedSocketOptions.TCP_KEEPIDLE),
                read(channel, ExtendedSocketOptions.TCP_KEEPINTERVAL), read(channel, ExtendedSocketOptions.TCP_KEEPCOUNT));
    }

    private static void trySet(NetworkChannel channel, SocketOption<Integer> option, int value) throws IOException {
        if (channel.supportedOptions().contains(option)) {
            channel.setOption(option, Math.max(1, value));
        }
    }

    private static Optional<Integer> read(NetworkChannel channel, SocketOption<Integer> option) throws IOException {
        return channel.supportedOptions().contains(option) ? Optional.of(channel.getOption(option)) : Optional.empty();
    }
}
