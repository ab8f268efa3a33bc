package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.wire.SessionCodec.TwsError;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The supervisor's notices: an informational repeat within the quiet period is held back, a state change never. */
class NoticeLogTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private final List<ConnectionEvent.Notice> published = new ArrayList<>();
    private final NoticeLog log = new NoticeLog(LoggerFactory.getLogger(NoticeLogTest.class), published::add);

    private static TwsSessionEvent.Error notice(int code, String text, int repeats) {
        return new TwsSessionEvent.Error(TwsError.of(-1, code, text, 0), repeats);
    }

    @Test
    void anInformationalRepeatWithinTheQuietPeriodIsHeldBackAndShownAgainAfterIt() {
        TwsSessionEvent.Error farmOk = notice(TwsErrorCode.MARKET_DATA_FARM_OK, "usfarm ok", 1);
        assertEquals(Optional.of(ConnectionEvent.NoticeKind.FARM_STATUS), log.received(farmOk, T0));
        assertEquals(Optional.empty(), log.received(farmOk, T0.plusSeconds(1)));
        assertEquals(Optional.empty(), log.received(notice(TwsErrorCode.MARKET_DATA_FARM_OK, "usfarm ok", 500),
                T0.plus(NoticeLog.QUIET).minusMillis(1)));
        assertEquals(1, published.size());

        assertTrue(log.received(farmOk, T0.plus(NoticeLog.QUIET)).isPresent(), "news again after the quiet period");
        assertEquals(2, published.size());
    }

    @Test
    void aDifferentNoticeIsShownAtOnce() {
        log.received(notice(TwsErrorCode.MARKET_DATA_FARM_OK, "usfarm ok", 1), T0);
        assertTrue(log.received(notice(TwsErrorCode.MARKET_DATA_FARM_BROKEN, "usfarm broken", 1), T0).isPresent());
        assertTrue(log.received(notice(TwsErrorCode.MARKET_DATA_FARM_OK, "usfarm ok", 1), T0).isPresent());
        assertEquals(3, published.size());
    }

    @Test
    void aNoticeThatMovesTheStateIsNeverHeldBack() {
        TwsSessionEvent.Error lost = notice(TwsErrorCode.CONNECTIVITY_LOST, "lost", 1);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.of(ConnectionEvent.NoticeKind.CONNECTIVITY_LOST), log.received(lost, T0));
        }
        assertEquals(3, published.size());
    }
}
