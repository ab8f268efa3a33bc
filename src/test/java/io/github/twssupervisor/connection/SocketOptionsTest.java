package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.io.Inet;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

/**
 * The socket-option path without Akka IO: the setting, what {@link SocketOptions}' after-connect step applies to a
 * connected loopback socket and reads back, and what the report says about options the platform lacks.
 */
class SocketOptionsTest {

    private static final ConnectionSettings.Socket DEFAULTS = TwsSettings.defaults().connection().socket();

    @Test
    void tcpQuickAckIsOnByDefaultAndCanBeTurnedOff() {
        assertTrue(DEFAULTS.tcpQuickAck());
        assertFalse(TwsSettings.from(ConfigFactory.parseString("tws.connection.socket.tcp-quick-ack = off")
                .withFallback(ConfigFactory.load()).resolve()).connection().socket().tcpQuickAck());
    }

    @Test
    void afterConnectAppliesTcpQuickAckWhereThePlatformHasItAndReportsIt() throws Exception {
        SocketOptionsReport report = applyTo(DEFAULTS);
        try (Socket probe = new Socket()) {
            boolean supported = probe.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);
            assertEquals(supported ? Optional.of(true) : Optional.empty(), report.tcpQuickAck());
            assertEquals(supported ? List.of() : List.of(report.quickAckNote(true).orElseThrow()),
                    report.platformNotes(DEFAULTS).stream().filter(n -> n.contains("TCP_QUICKACK")).toList());
        }
        assertTrue(report.toLine().contains(" TCP_QUICKACK=" + report.tcpQuickAck().map(String::valueOf)
                .orElse("unsupported")), report.toLine());
    }

    @Test
    void aPlatformWithoutTheOptionsGetsOneInfoNoteEachAndOnlyForWhatWasAsked() {
        SocketOptionsReport bare = new SocketOptionsReport(true, 1, 1, true, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        List<String> notes = bare.platformNotes(DEFAULTS);
        assertEquals(2, notes.size(), notes.toString());
        assertTrue(notes.get(1).contains("no TCP_QUICKACK (tws.connection.socket.tcp-quick-ack)"), notes.get(1));
        assertTrue(bare.toLine().endsWith("TCP_KEEPCOUNT=unsupported TCP_QUICKACK=unsupported"), bare.toLine());
        assertEquals(Optional.empty(), bare.quickAckNote(false));

        SocketOptionsReport linux = new SocketOptionsReport(true, 1, 1, true, Optional.of(10), Optional.of(3),
                Optional.of(3), Optional.of(true));
        assertEquals(List.of(), linux.platformNotes(DEFAULTS));
        assertTrue(linux.toLine().endsWith("TCP_QUICKACK=true"), linux.toLine());
    }

    /** Runs the after-connect step of the options {@link SocketOptions#forConnect} gives on a loopback socket. */
    private static SocketOptionsReport applyTo(ConnectionSettings.Socket settings) throws Exception {
        AtomicReference<SocketOptionsReport> report = new AtomicReference<>();
        List<Inet.SocketOption> options = SocketOptions.forConnect(settings, report::set);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            for (Inet.SocketOption option : options) {
                if (option instanceof Inet.AbstractSocketOptionV2 afterConnect) {
                    afterConnect.afterConnect(socket);
                }
            }
        }
        return report.get();
    }
}
