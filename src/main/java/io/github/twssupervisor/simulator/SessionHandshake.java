package io.github.twssupervisor.simulator;

import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.VersionRange;
import io.github.twssupervisor.wire.WireFormatException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of the handshake (TWS-WIRE.md §2): the two frames a client sends before it is registered.
 *
 * <pre>
 * version frame  v&lt;min&gt;..&lt;max&gt;[ options]  -> the highest version both speak; server hello: it, connection time
 * next frame     startApi, clientId, ...      -> the client to register
 * </pre>
 *
 * A frame that does not fit is logged at WARN, and the session closes the connection without a reply; so is a client
 * that has not sent its startApi within {@code tws.simulator.handshake-timeout} of its connect.
 */
final class SessionHandshake {

    private static final Logger LOG = LoggerFactory.getLogger(SessionHandshake.class);
    private static final DateTimeFormatter CONNECTION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd HH:mm:ss");

    private final String remote;
    private final SimulatorSettings settings;

    /**
     * @param remote   the client's host:port
     * @param settings the simulator's settings (versions, time zone)
     */
    SessionHandshake(String remote, SimulatorSettings settings) {
        this.remote = remote;
        this.settings = settings;
    }

    /**
     * @param payload the version frame
     * @return the negotiated server version; empty when the frame is no version offer or the versions do not overlap
     */
    Optional<Integer> negotiate(byte[] payload) {
        VersionRange range;
        try {
            range = VersionRange.parse(payload);
        } catch (WireFormatException e) {
            LOG.warn("Closing connection from {}: {}", remote, e.getMessage());
            return Optional.empty();
        }
        Optional<Integer> negotiated = range.negotiate(ServerVersion.MIN_SUPPORTED, settings.maxVersion());
        if (negotiated.isEmpty()) {
            LOG.warn("Closing connection from {} without reply: it offers server versions {}..{}, "
                    + "the simulator speaks {}..{}", remote, range.min(), range.max(), ServerVersion.MIN_SUPPORTED,
                    settings.maxVersion());
        } else {
            LOG.debug("Handshake with {}: client offers {}, server version {}", remote, range.toWire(),
                    negotiated.get());
        }
        return negotiated;
    }

    /** Logs that the client did not complete its handshake in time (the session closes the connection). */
    void timedOut() {
        LOG.warn("Closing connection from {}: no handshake (API\\0, version frame, startApi) within {} ms", remote,
                settings.limits().handshakeTimeout().toMillis());
    }

    /**
     * @param serverVersion the negotiated version
     * @return the server hello, with the connection time in the simulator's time zone
     */
    byte[] serverHello(int serverVersion) {
        String connectionTime = CONNECTION_TIME.format(ZonedDateTime.now(settings.timeZone())) + " "
                + settings.timeZone().getId();
        return Handshake.serverHelloFrame(new Handshake.ServerHello(serverVersion, connectionTime));
    }

    /**
     * @param serverVersion the negotiated version
     * @param payload       the frame after the version frame
     * @return the client its startApi names; empty when the frame is another request or cannot be read
     */
    Optional<ClientInfo> startApi(int serverVersion, byte[] payload) {
        FieldReader reader = new FieldReader(payload);
        try {
            if (reader.readInt() != OutgoingMessageId.START_API.code()) {
                LOG.warn("Closing connection from {}: request '{}' before startApi", remote,
                        SessionSocket.printable(payload));
                return Optional.empty();
            }
            int clientId = SessionCodec.decodeStartApi(reader).clientId();
            return Optional.of(new ClientInfo(clientId, remote, serverVersion, Instant.now()));
        } catch (WireFormatException e) {
            LOG.warn("Closing connection from {}: unreadable frame '{}' before startApi: {}", remote,
                    SessionSocket.printable(payload), e.getMessage());
            return Optional.empty();
        }
    }
}
