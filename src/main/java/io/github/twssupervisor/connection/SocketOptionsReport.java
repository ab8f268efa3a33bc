package io.github.twssupervisor.connection;

import io.github.twssupervisor.config.ConnectionSettings;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Socket options as read back from a connected socket, which may differ from those asked for (the OS rounds buffer
 * sizes; keep-alive tuning exists only on some platforms).
 *
 * @param tcpNoDelay             TCP_NODELAY
 * @param receiveBuffer          SO_RCVBUF in bytes
 * @param sendBuffer             SO_SNDBUF in bytes
 * @param keepAlive              SO_KEEPALIVE
 * @param keepAliveIdleSeconds   TCP_KEEPIDLE, empty where the platform lacks it
 * @param keepAliveIntervalSeconds TCP_KEEPINTERVAL, empty where the platform lacks it
 * @param keepAliveCount         TCP_KEEPCOUNT, empty where the platform lacks it
 * @param tcpQuickAck            TCP_QUICKACK, empty where the platform lacks it; Linux reports whether the connection
 *                               is in quick-ack mode now, which a new connection is even when it was not asked for
 */
public record SocketOptionsReport(boolean tcpNoDelay, int receiveBuffer, int sendBuffer, boolean keepAlive,
                                  Optional<Integer> keepAliveIdleSeconds, Optional<Integer> keepAliveIntervalSeconds,
                                  Optional<Integer> keepAliveCount, Optional<Boolean> tcpQuickAck) {

    /** @return true when the keep-alive timings could be applied */
    public boolean keepAliveTuned() {
        return keepAliveIdleSeconds.isPresent() && keepAliveIntervalSeconds.isPresent() && keepAliveCount.isPresent();
    }

    /**
     * @param keepAliveAsked keep-alive is configured on
     * @return what an operator should know when the keep-alive timings asked for could not be applied
     */
    public Optional<String> keepAliveWarning(boolean keepAliveAsked) {
        return keepAliveAsked && !keepAliveTuned() ? Optional.of("This platform cannot tune TCP keep-alive timings "
                + "(TCP_KEEPIDLE/INTERVAL/COUNT); the OS defaults apply, and the heartbeat alone detects half-open "
                + "sockets") : Optional.empty();
    }

    /**
     * @param quickAckAsked TCP_QUICKACK is configured on
     * @return what an operator should know when it could not be applied
     */
    public Optional<String> quickAckNote(boolean quickAckAsked) {
        return quickAckAsked && tcpQuickAck.isEmpty() ? Optional.of("This platform has no TCP_QUICKACK "
                + "(tws.connection.socket.tcp-quick-ack); the OS's delayed acknowledgements apply") : Optional.empty();
    }

    /**
     * @param asked the options configured
     * @return what an operator should know about options asked for that the platform lacks (an INFO line each, once)
     */
    public List<String> platformNotes(ConnectionSettings.Socket asked) {
        return Stream.of(keepAliveWarning(asked.keepAlive()), quickAckNote(asked.tcpQuickAck()))
                .flatMap(Optional::stream).toList();
    }

    /** @return the options on one line, as the ping command prints them */
    public String toLine() {
        return "TCP_NODELAY=" + tcpNoDelay + " SO_RCVBUF=" + receiveBuffer + " SO_SNDBUF=" + sendBuffer
                + " SO_KEEPALIVE=" + keepAlive + " TCP_KEEPIDLE=" + show(keepAliveIdleSeconds) + " TCP_KEEPINTERVAL="
                + show(keepAliveIntervalSeconds) + " TCP_KEEPCOUNT=" + show(keepAliveCount) + " TCP_QUICKACK="
                + show(tcpQuickAck);
    }

    private static String show(Optional<?> value) {
        return value.map(String::valueOf).orElse("unsupported");
    }
}
