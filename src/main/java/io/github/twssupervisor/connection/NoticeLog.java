package io.github.twssupervisor.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The supervisor's log and publication of TWS's notices (errors with id -1), kept from flooding both: an informational
 * notice identical to the one before it (same code and text) within {@link #QUIET} is counted, not logged or published
 * again; the count is logged with the next one that is. Notices that move the connection's state are always shown.
 * Owned and used by one actor only.
 */
final class NoticeLog {

    /** How long an identical informational notice stays news-less. */
    static final Duration QUIET = Duration.ofSeconds(10);

    private final Logger log;
    private final Consumer<ConnectionEvent.Notice> publish;
    private int lastCode;
    private String lastMessage;
    private Instant lastShown = Instant.MIN;
    private long held;

    /**
     * @param log    the supervisor's logger
     * @param publish where notices are published (the supervisor's subscribers)
     */
    NoticeLog(Logger log, Consumer<ConnectionEvent.Notice> publish) {
        this.log = log;
        this.publish = publish;
    }

    /**
     * Logs and publishes a notice, unless it is an informational repeat.
     *
     * @param notice the notice, with the number of identical ones it stands for
     * @param now    the time now
     * @return its class, for the supervisor to act on; empty when it was held back
     */
    Optional<ConnectionEvent.NoticeKind> received(TwsSessionEvent.Error notice, Instant now) {
        int code = notice.error().code();
        String message = notice.error().message();
        ConnectionEvent.NoticeKind kind = Notices.classify(code);
        boolean informational = kind == ConnectionEvent.NoticeKind.FARM_STATUS
                || kind == ConnectionEvent.NoticeKind.OTHER;
        boolean same = code == lastCode && message.equals(lastMessage);
        if (informational && same && now.isBefore(lastShown.plus(QUIET))) {
            held += notice.repeats();
            return Optional.empty();
        }
        if (!same && held > 0) {
            log.info("TWS notice {} ({}) came {} more times, not shown", lastCode, lastMessage, held);
        }
        long alsoStandsFor = (same ? held : 0) + notice.repeats() - 1L;
        lastCode = code;
        lastMessage = message;
        lastShown = now;
        held = 0;
        log.info("TWS notice {} ({}): {}{}", code, kind, message, alsoStandsFor == 0 ? ""
                : " (and " + alsoStandsFor + " identical ones, not shown)");
        publish.accept(new ConnectionEvent.Notice(code, message, kind, now));
        return Optional.of(kind);
    }
}
