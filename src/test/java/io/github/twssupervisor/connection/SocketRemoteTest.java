package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The socket's target: IP literals are taken as they are, host names left to Akka's asynchronous resolver. */
class SocketRemoteTest {

    @Test
    void anIpv4LiteralIsResolvedWithoutALookup() {
        InetSocketAddress remote = SocketOptions.remote("127.0.0.1", 7497);
        assertFalse(remote.isUnresolved());
        assertEquals("127.0.0.1", remote.getAddress().getHostAddress());
        assertEquals(7497, remote.getPort());
    }

    @Test
    void anIpv6LiteralIsResolvedWithoutALookup() {
        InetSocketAddress remote = SocketOptions.remote("::1", 4002);
        assertFalse(remote.isUnresolved());
        assertTrue(remote.getAddress().isLoopbackAddress());
    }

    @Test
    void aHostNameIsLeftToAkkasResolver() {
        assertTrue(SocketOptions.remote("localhost", 7497).isUnresolved());
        assertTrue(SocketOptions.remote("gateway.example", 4001).isUnresolved());
        assertTrue(SocketOptions.remote("1.2.3", 4001).isUnresolved(), "not a dotted quad");
    }
}
