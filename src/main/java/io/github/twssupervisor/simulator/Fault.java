package io.github.twssupervisor.simulator;

import java.time.Duration;

/**
 * A fault the simulator can inject, as a value: the Java API, the console and the chaos schedule all speak it. Each
 * names its console command ({@link #command()}); {@link FaultCommand} parses them.
 *
 * <pre>
 * drop              close abruptly (abort: RST)           garbage    a zero-length frame, then junk
 * stall D           neither read nor write for D         bomb       a frame header announcing 2 GiB
 * mute D            read requests, answer nothing for D  unknown-msg   a frame with an unknown message id
 * delay-handshake D answer version frames only after D   bad-field  tickPrice with a price that is no number
 * refuse D          unbind the port for D, close all     reject-client-id   the next startApi gets 326
 * notice CODE       a session-level notice               pace-limit N       N messages per second from now on
 * flood KIND D      one kind of message as fast as TCP takes it, for D (notice, error, unknown, tick, mixed)
 * drop-after-order accepted|lost   close abruptly right after the next placeOrder is read; accepted: the order stays
 *                   in the book (it may fill while the client is away), lost: it is discarded as if never received
 * next-id-back N    the next handshake's nextValidId is N lower than it should be (never below 1), as after a restart
 * </pre>
 *
 * Every duration is positive and at most {@link #MAX_DURATION}: a fault is a test's tool, and a typo such as
 * {@code delay-handshake 1000000d} is refused here, with a message, rather than by the scheduler of every later
 * connection.
 */
public sealed interface Fault {

    /** The longest a fault may last (stall, mute, flood, delay-handshake, refuse) and the longest chaos interval. */
    Duration MAX_DURATION = Duration.ofHours(1);

    /** @return the console command, without a target (e.g. {@code stall 2s}) */
    String command();

    /** Close the connection abruptly: what a TWS crash or a network cut looks like. */
    record Drop() implements Fault {
        @Override
        public String command() {
            return "drop";
        }
    }

    /**
     * Stop reading and writing for a while, keeping the socket open (a half-open connection).
     *
     * @param duration how long
     */
    record Stall(Duration duration) implements Fault {
        /** Validates. */
        public Stall {
            positive(duration);
        }

        @Override
        public String command() {
            return "stall " + format(duration);
        }
    }

    /**
     * Keep reading requests but answer nothing and send no ticks for a while (TWS hung).
     *
     * @param duration how long
     */
    record Mute(Duration duration) implements Fault {
        /** Validates. */
        public Mute {
            positive(duration);
        }

        @Override
        public String command() {
            return "mute " + format(duration);
        }
    }

    /** Write bytes that are not a valid frame. */
    record Garbage() implements Fault {
        @Override
        public String command() {
            return "garbage";
        }
    }

    /** Announce a frame of 2 GiB. */
    record Bomb() implements Fault {
        @Override
        public String command() {
            return "bomb";
        }
    }

    /** Send a well-formed frame with a message id the client does not know. */
    record UnknownMessage() implements Fault {
        @Override
        public String command() {
            return "unknown-msg";
        }
    }

    /** Send a known message (tickPrice) whose number field is no number. */
    record BadField() implements Fault {
        @Override
        public String command() {
            return "bad-field";
        }
    }

    /**
     * Accept sockets but answer their version frame only once this long has passed since the fault.
     *
     * @param duration how long
     */
    record DelayHandshake(Duration duration) implements Fault {
        /** Validates. */
        public DelayHandshake {
            positive(duration);
        }

        @Override
        public String command() {
            return "delay-handshake " + format(duration);
        }
    }

    /**
     * Unbind the port for a while and close every connection (TWS restarting), then bind the same port again.
     *
     * @param duration how long the port stays closed
     */
    record Refuse(Duration duration) implements Fault {
        /** Validates. */
        public Refuse {
            positive(duration);
        }

        @Override
        public String command() {
            return "refuse " + format(duration);
        }
    }

    /** Answer the next startApi (of the target's client id, or any) with 326 and close. */
    record RejectClientId() implements Fault {
        @Override
        public String command() {
            return "reject-client-id";
        }
    }

    /**
     * A session-level notice with TWS's text; after 1300 the connection closes.
     *
     * @param code the notice code, such as 1100, 1101, 1102, 2110, 1300
     */
    record Notice(int code) implements Fault {
        @Override
        public String command() {
            return "notice " + code;
        }
    }

    /**
     * Change the pacing limit at runtime.
     *
     * @param perSecond messages allowed in any one-second window, at least 1
     */
    record PaceLimit(int perSecond) implements Fault {
        /** Validates. */
        public PaceLimit {
            if (perSecond < 1) {
                throw new IllegalArgumentException("pace-limit must be at least 1, was " + perSecond);
            }
        }

        @Override
        public String command() {
            return "pace-limit " + perSecond;
        }
    }

    /**
     * One kind of message, written as fast as the client's socket takes it for a while, beside the session's own
     * frames. It holds nothing in the simulator (TCP's back-pressure paces it) and ends by itself.
     *
     * @param kind     what is written
     * @param duration how long
     */
    record Flood(FloodKind kind, Duration duration) implements Fault {
        /** Validates. */
        public Flood {
            if (kind == null) {
                throw new IllegalArgumentException("flood needs a kind");
            }
            positive(duration);
        }

        @Override
        public String command() {
            return "flood " + kind.word() + " " + format(duration);
        }
    }

    /**
     * Arms the connection: right after it reads the next placeOrder it is dropped, before anything is answered.
     *
     * @param lost true: the order is discarded as if never received; false: it is accepted into the book, works and may
     *             fill while the client is away, and is seen only by asking (reqOpenOrders, reqExecutions)
     */
    record DropAfterOrder(boolean lost) implements Fault {
        /** The console's word for an accepted order. */
        static final String ACCEPTED = "accepted";
        /** The console's word for a lost order. */
        static final String LOST = "lost";

        @Override
        public String command() {
            return "drop-after-order " + (lost ? LOST : ACCEPTED);
        }
    }

    /**
     * The next handshake's nextValidId (of the target's client id, or of any client) is this much lower than the order
     * book's, and never below 1: TWS after a restart can announce an id the client has used.
     *
     * @param by how much lower, at least 1
     */
    record NextIdBack(int by) implements Fault {
        /** Validates. */
        public NextIdBack {
            if (by < 1) {
                throw new IllegalArgumentException("next-id-back must be at least 1, was " + by);
            }
        }

        @Override
        public String command() {
            return "next-id-back " + by;
        }
    }

    private static void positive(Duration duration) {
        requireBounded("the duration", duration);
    }

    /**
     * @param what     what the duration is, for the message (e.g. {@code --chaos})
     * @param duration a duration
     * @throws IllegalArgumentException unless it is positive and at most {@link #MAX_DURATION}
     */
    static void requireBounded(String what, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + duration);
        }
        if (duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(what + " must be at most " + format(MAX_DURATION) + " ("
                    + MAX_DURATION.toHours() + "h), was " + format(duration));
        }
    }

    /**
     * @param duration a duration
     * @return it as the console writes it: {@code 2s}, or {@code 1500ms} when not whole seconds
     */
    static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
