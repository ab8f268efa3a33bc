package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.FailureReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private static final ConnectionSettings CONNECTION = TwsSettings.defaults().connection()
            .withTarget("127.0.0.1", 4002, 7);
    private static final FailureReason REFUSED = new FailureReason(FailureReason.Kind.CONNECT_REFUSED,
            "cannot connect to 127.0.0.1:4002");

    private static ConnectionEvent.StateChanged move(ConnectionState to, Optional<FailureReason> reason) {
        return new ConnectionEvent.StateChanged(to, ConnectionState.CONNECTING, reason, 1, Optional.empty(),
                Optional.empty(), false, Instant.now());
    }

    @Test
    void theLastFailuresReasonIsKeptThroughLaterMovesWithoutOne() {
        Readiness.Seen seen = new Readiness.Seen(false, ConnectionState.DISCONNECTED, Optional.empty())
                .next(move(ConnectionState.CONNECTING, Optional.empty()))
                .next(move(ConnectionState.RECONNECTING, Optional.of(REFUSED)))
                .next(move(ConnectionState.CONNECTING, Optional.empty()));

        assertFalse(seen.reached());
        assertEquals("not READY with TWS at 127.0.0.1:4002 (client id 7) within 15s: CONNECT_REFUSED: cannot "
                + "connect to 127.0.0.1:4002", Readiness.describe(seen, CONNECTION, Duration.ofSeconds(15)));
    }

    @Test
    void withoutAFailureTheStateIsNamed() {
        Readiness.Seen seen = new Readiness.Seen(false, ConnectionState.DISCONNECTED, Optional.empty())
                .next(move(ConnectionState.HANDSHAKING, Optional.empty()));

        assertTrue(Readiness.describe(seen, CONNECTION, Duration.ofMillis(500)).endsWith("within 500ms: no attempt "
                + "failed yet, the connection is HANDSHAKING (is TWS showing its 'Accept incoming connection?' "
                + "dialog?)"));
    }

    @Test
    void readyOnceIsReachedForGood() {
        Readiness.Seen seen = new Readiness.Seen(false, ConnectionState.DISCONNECTED, Optional.empty())
                .next(move(ConnectionState.READY, Optional.empty()))
                .next(move(ConnectionState.RECONNECTING, Optional.of(REFUSED)));

        assertTrue(seen.reached());
    }

    @Test
    void durationsAreShownAsTheyWouldBeWritten() {
        assertEquals("15s", Readiness.text(Duration.ofSeconds(15)));
        assertEquals("2m", Readiness.text(Duration.ofMinutes(2)));
        assertEquals("1500ms", Readiness.text(Duration.ofMillis(1500)));
    }
}
