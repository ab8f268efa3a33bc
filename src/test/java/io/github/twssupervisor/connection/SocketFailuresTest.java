package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.stream.StreamTcpException;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.wire.WireFormatException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** How the causes Akka's Tcp reports become typed reasons. */
class SocketFailuresTest {

    private static final ConnectionSettings SETTINGS = TwsSettings.defaults().connection()
            .withTarget("gateway.example", 4002, 7);
    private static final SocketFailures FAILURES = new SocketFailures("gateway.example:4002", 7, SETTINGS,
            TwsProtocol.INSTANCE);

    @Test
    void anUnresolvableHostIsUnknownHostNamingIt() {
        StreamTcpException wrapped = new StreamTcpException("Tcp command [Connect(gateway.example:4002,...)] failed");
        wrapped.initCause(new UnknownHostException("gateway.example"));

        FailureReason reason = FAILURES.connectFailure(wrapped);

        assertEquals(FailureReason.Kind.UNKNOWN_HOST, reason.kind());
        assertEquals("cannot resolve the host of gateway.example:4002: no address for 'gateway.example' (check "
                + "tws.connection.host or --host; retried, since DNS recovers)", reason.message());
    }

    @Test
    void anUnknownHostNamedOnlyInTheMessageIsRecognisedToo() {
        FailureReason reason = FAILURES.connectFailure(new StreamTcpException("Tcp command [Connect(...)] failed "
                + "because of java.net.UnknownHostException: gateway.example"));

        assertEquals(FailureReason.Kind.UNKNOWN_HOST, reason.kind());
    }

    @Test
    void aRefusedConnectIsStillConnectRefused() {
        StreamTcpException wrapped = new StreamTcpException("Tcp command [Connect(...)] failed");
        wrapped.initCause(new ConnectException("Connection refused"));

        FailureReason reason = FAILURES.connectFailure(wrapped);

        assertEquals(FailureReason.Kind.CONNECT_REFUSED, reason.kind());
        assertTrue(reason.message().contains("is TWS running with the API enabled on gateway.example:4002?"),
                reason.message());
    }

    @Test
    void aWireFormatFailureIsAProtocolViolationQuotingIt() {
        FailureReason reason = FAILURES.streamFailure(new WireFormatException("not a TWS server version: 'banana'"));

        assertEquals(FailureReason.Kind.PROTOCOL_VIOLATION, reason.kind());
        assertEquals("the peer at gateway.example:4002 broke the TWS protocol: not a TWS server version: 'banana'",
                reason.message());
    }

    @Test
    void aTlsFailureAnywhereInTheCauseIsTlsFailedWithWhatToCheck() {
        FailureReason reason = FAILURES.streamFailure(new IllegalStateException("stream failed",
                new javax.net.ssl.SSLHandshakeException("PKIX path building failed")));

        assertEquals(FailureReason.Kind.TLS_FAILED, reason.kind());
        assertEquals("TLS with gateway.example:4002 failed: PKIX path building failed (does the truststore hold the "
                + "server's certificate, and does the server speak TLS?)", reason.message());
    }
}
