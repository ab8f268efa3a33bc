package io.github.twssupervisor.connection;

/**
 * Writes a complete frame to a socket: the pacer's handle on a Ready socket's {@link OutboundQueue}. A socket that no
 * longer takes data fails itself; the frame is then lost with the socket, as with any write to a dead connection, and
 * the requester hears of it through the reconnect.
 */
@FunctionalInterface
public interface SocketWriter {

    /**
     * @param frame a complete frame, not null; not copied, so it must not change afterwards
     */
    void write(byte[] frame);
}
