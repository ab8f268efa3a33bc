package io.github.twssupervisor.dispatch;

import java.util.List;

/**
 * Consecutive events of one route key, from frames read together, in frame order. The {@link FrameDecoder} groups
 * them in the socket's stream, where the events were just made, so the {@link Dispatcher} delivers a run with one owner
 * look-up and never touches its events: a blast of ticks costs the dispatcher nothing per tick.
 *
 * <p>The intake fills the lists before it hands the batch over; nobody changes them afterwards except the dispatcher,
 * which then owns them.
 *
 * @param key       the route key (request id, order id or message kind)
 * @param events    the events, in order
 * @param rawErrors the raw form of the run's errors, in order: what raw subscribers get if nobody owns the id
 */
public record RequestRun(RouteKey key, List<RequestEvent> events, List<RawEvent> rawErrors)
        implements Dispatcher.Delivery {
}
