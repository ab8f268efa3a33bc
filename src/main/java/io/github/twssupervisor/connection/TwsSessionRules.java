package io.github.twssupervisor.connection;

import io.github.twssupervisor.wire.TwsErrorCode;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * How TWS's session events after Ready move a connection: 1100 and 2110 degrade it, 1101 and 1102 restore it (1101 with
 * its market data lost), 1300 loses it; every notice is logged and published through the {@link NoticeLog}, which
 * holds back informational repeats; nextValidId is published; currentTime answers a clock request. One per
 * supervisor.
 */
final class TwsSessionRules implements SessionRules {

    private final Logger log;
    private final Consumer<ConnectionEvent> publish;
    private final NoticeLog notices;

    TwsSessionRules(Logger log, Consumer<ConnectionEvent> publish) {
        this.log = log;
        this.publish = publish;
        this.notices = new NoticeLog(log, publish::accept);
    }

    @Override
    public SessionVerdict onEvent(SessionEvent event, ConnectionState state) {
        if (event instanceof TwsSessionEvent.CurrentTime time) {
            return new SessionVerdict.PeerClock(Instant.ofEpochSecond(time.epochSeconds()));
        } else if (event instanceof TwsSessionEvent.Error error) {
            return onNotice(error);
        } else if (event instanceof TwsSessionEvent.NextValidId id) {
            publish.accept(new ConnectionEvent.NextValidId(id.orderId(), Instant.now()));
        } else {
            log.debug("Session event {}", event);
        }
        return SessionVerdict.Stay.INSTANCE;
    }

    private SessionVerdict onNotice(TwsSessionEvent.Error error) {
        // An informational notice repeated within NoticeLog.QUIET is neither logged nor published again.
        ConnectionEvent.NoticeKind kind = notices.received(error, Instant.now())
                .orElse(ConnectionEvent.NoticeKind.OTHER);
        return switch (kind) {
            case SOCKET_PORT_RESET -> new SessionVerdict.Lose(new FailureReason(FailureReason.Kind.SOCKET_PORT_RESET,
                    "TWS reset its API socket port (" + TwsErrorCode.SOCKET_PORT_RESET + "): "
                            + error.error().message()));
            case CONNECTIVITY_LOST, TWS_SERVER_CONNECTIVITY_BROKEN -> SessionVerdict.Degrade.INSTANCE;
            case CONNECTIVITY_RESTORED_DATA_LOST -> new SessionVerdict.Restore(true);
            case CONNECTIVITY_RESTORED_DATA_KEPT -> new SessionVerdict.Restore(false);
            default -> SessionVerdict.Stay.INSTANCE;
        };
    }
}
