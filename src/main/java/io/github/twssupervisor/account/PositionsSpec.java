package io.github.twssupervisor.account;

import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.SubscriptionSpec;
import io.github.twssupervisor.wire.IncomingMessageId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The positions of every account of the session, for the kernel (reqPositions): a position per holding, End after the
 * full set, a position at every change after it; re-issued after every outage, cancelPositions when the last
 * subscriber goes. What is its own: its answers carry no request id, so its subscription owns their message kinds; and
 * there is only one such request, so every subscriber shares it.
 */
public record PositionsSpec() implements SubscriptionSpec<PositionEvent> {

    private static final Set<IncomingMessageId> ANSWERS = Set.of(IncomingMessageId.POSITION,
            IncomingMessageId.POSITION_END);

    @Override
    public String description() {
        return "reqPositions";
    }

    @Override
    public Class<PositionEvent> eventType() {
        return PositionEvent.class;
    }

    @Override
    public Message request(int requestId) {
        return new Message("reqPositions", version -> PositionCodec.reqPositions());
    }

    @Override
    public Optional<Message> cancel(int requestId) {
        return Optional.of(new Message("cancelPositions", version -> PositionCodec.cancelPositions()));
    }

    /** @return false: TWS's errors about positions carry no request id, so none reaches the subscription */
    @Override
    public boolean isFatal(int code) {
        return false;
    }

    @Override
    public Set<IncomingMessageId> messageKinds() {
        return ANSWERS;
    }

    /** @return a position by account and conId, and the end: the full set a later subscriber gets first */
    @Override
    public Object replayKey(PositionEvent event) {
        if (event instanceof PositionEvent.Position p) {
            return List.of(p.account(), p.contract().conId());
        }
        return event instanceof PositionEvent.End ? PositionEvent.End.class : null;
    }

    @Override
    public boolean hasReplay() {
        return true;
    }

    @Override
    public PositionEvent signal(Lifecycle signal) {
        return new PositionEvent.Status(signal);
    }
}
