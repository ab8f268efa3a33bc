package io.github.twssupervisor.simulator;

import akka.util.ByteString;
import io.github.twssupervisor.wire.WireLimits;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes the simulator holds of frames it has not handed to a session yet, summed over every connection and capped
 * at {@code tws.simulator.max-buffered-bytes}. Each connection's {@link Share} sits around its framing stage:
 *
 * <pre>
 * socket -> preamble check -> Share.admit (takes the read's bytes) -> framing -> Share.framed (gives a frame's back)
 *           the stream ends -> Share.release (gives back what the connection still held)
 * </pre>
 *
 * A read that would take the sum past the cap fails that connection's stream with {@link Exceeded}, which closes it:
 * the other connections keep what they hold. A connection that holds no more than {@link #ALWAYS_ADMITTED} is never
 * refused, so the small requests of well-behaved clients still pass while others hold the whole budget (the sum may
 * then exceed the cap by that much per connection). The framing stage itself caps one connection at one frame of
 * {@code max-frame-size} (plus the read that completes it).
 *
 * <p>Thread-safe: the connections' streams run on any thread of the dispatcher, so the sums are atomics rather than
 * messages to the server, which would cost a message per read.
 */
final class InboundBudget {

    /** A read that the budget cannot take: the connection is closed. */
    static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message, null, false, false);
        }
    }

    /** What one connection may always hold, whatever the others hold: many times any TWS request. */
    static final int ALWAYS_ADMITTED = 8 * 1024;

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    /** @param limit the most bytes held over all connections */
    InboundBudget(long limit) {
        this.limit = limit;
    }

    /** @return bytes held now, over all connections */
    long held() {
        return held.get();
    }

    /** @return the account of one new connection */
    Share share() {
        return new Share();
    }

    /** What one connection holds of the budget. */
    final class Share {

        private final AtomicLong mine = new AtomicLong();

        private Share() {
        }

        /**
         * @param read bytes just read, after the preamble
         * @return the same bytes, now counted
         * @throws Exceeded if they would take the simulator past its limit, and this connection past
         *     {@link #ALWAYS_ADMITTED}
         */
        ByteString admit(ByteString read) {
            int size = read.size();
            long after = held.addAndGet(size);
            if (after > limit && mine.get() + size > ALWAYS_ADMITTED) {
                held.addAndGet(-size);
                throw new Exceeded("the simulator holds " + (after - size) + " bytes of unfinished frames, and "
                        + size + " more would pass tws.simulator.max-buffered-bytes (" + limit + ")");
            }
            mine.addAndGet(size);
            return read;
        }

        /**
         * @param payload a frame's payload, out of the framing stage
         * @return the same payload; its frame no longer counts
         */
        ByteString framed(ByteString payload) {
            give(payload.size() + WireLimits.LENGTH_PREFIX_BYTES);
            return payload;
        }

        /** The connection's stream ended: what it held no longer counts. */
        void release() {
            held.addAndGet(-mine.getAndSet(0));
        }

        /** @return bytes this connection holds now */
        long held() {
            return mine.get();
        }

        private void give(long bytes) {
            mine.addAndGet(-bytes);
            held.addAndGet(-bytes);
        }
    }
}
