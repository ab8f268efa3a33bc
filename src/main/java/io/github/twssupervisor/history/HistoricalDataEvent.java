package io.github.twssupervisor.history;

import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.Lifecycle;
import java.util.List;

/**
 * What a reqHistoricalData gets back, routed by its request id (TWS-WIRE.md §5.10).
 *
 * <pre>
 * sv 176..195   historicalData (IN 17) with start|end|bars       -> Bars(bars, start, end)   which is also the end
 * sv ≥ 196      historicalData (IN 17) with bars only            -> Bars(bars, "", "")
 *               historicalDataEnd (IN 108) start|end             -> End(start, end)
 * keepUpToDate  historicalDataUpdate (IN 90), after the above    -> Update(bar), until cancelHistoricalData
 * follow()      the kernel's signals                             -> Status(Interrupted | Resumed | Warning | Ended)
 * </pre>
 *
 * <b>The end before sv 196.</b> A frame decodes to one event, so an old server's single historicalData is one
 * {@link Bars} carrying the range; no {@link End} is made up for it. Use {@link #isEnd()} to know that the initial
 * data is complete, whatever the version: it is true of an {@link End}, and of a {@link Bars} that carries a range
 * (TWS writes one only before 196, and then always).
 */
public sealed interface HistoricalDataEvent extends RequestEvent {

    /** @return true when the initial data set is complete (no more {@link Bars} for this request) */
    boolean isEnd();

    /**
     * One historicalData message.
     *
     * @param bars  the bars, oldest first
     * @param start the start of the range before sv 196, else empty
     * @param end   the end of the range before sv 196, else empty
     */
    record Bars(List<Bar> bars, String start, String end) implements HistoricalDataEvent {

        /** Copies the bars. */
        public Bars {
            bars = List.copyOf(bars);
        }

        @Override
        public boolean isEnd() {
            return !start.isEmpty() || !end.isEmpty();
        }
    }

    /**
     * historicalDataEnd (IN 108, sv ≥ 196): the data set is complete.
     *
     * @param start the start of the range
     * @param end   the end of the range
     */
    record End(String start, String end) implements HistoricalDataEvent {

        @Override
        public boolean isEnd() {
            return true;
        }
    }

    /**
     * historicalDataUpdate (IN 90) of a keepUpToDate request: the forming bar (it may repeat the same time).
     *
     * @param bar the bar; its count is TWS's barCount field
     */
    record Update(Bar bar) implements HistoricalDataEvent {

        @Override
        public boolean isEnd() {
            return false;
        }
    }

    /**
     * A lifecycle signal of a followed series ({@code client.history().follow(...)}): Interrupted when the connection
     * is lost, Resumed once the gap is filled, Warning, and Ended last.
     *
     * @param lifecycle the signal
     */
    record Status(Lifecycle lifecycle) implements HistoricalDataEvent, Lifecycle.Carrier {

        @Override
        public boolean isEnd() {
            return false;
        }
    }
}
