package io.github.twssupervisor.subscription;

import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.wire.IncomingMessageId;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The smallest domain the kernel can serve, for its tests: rows, an End, and the lifecycle carrier; a subscription spec
 * and a one-shot spec over them whose frames are just their text.
 */
final class FakeDomain {

    /** The TWS code the fake domain treats as fatal; any other is a warning. */
    static final int FATAL = 200;
    static final int WARNING = 10167;

    private FakeDomain() {
    }

    /** The fake domain's events. */
    interface FakeEvent extends RequestEvent {
    }

    /**
     * A data event.
     *
     * @param key   what conflates
     * @param value its value
     */
    record Row(String key, int value) implements FakeEvent {
    }

    /** The end of a one-shot answer. */
    record End() implements FakeEvent {
    }

    /** @param lifecycle a kernel signal */
    record Signal(Lifecycle lifecycle) implements FakeEvent, Lifecycle.Carrier {
    }

    static FakeEvent signal(Lifecycle lifecycle) {
        return new Signal(lifecycle);
    }

    /** @return the text frame "name|id" the fake specs encode */
    static byte[] frame(String name, int id) {
        return (name + "|" + id).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A long-lived request with configurable recoveries.
     *
     * @param name        its name
     * @param reconnect   on READY after a new socket
     * @param dataLost    on 1101
     * @param dataKept    on 1102
     */
    record Spec(String name, Recovery reconnect, Recovery dataLost, Recovery dataKept)
            implements SubscriptionSpec<FakeEvent> {

        /** The kernel's defaults: re-issue after a new socket and on 1101, resume on 1102. */
        static Spec of(String name) {
            return new Spec(name, Recovery.REISSUE, Recovery.REISSUE, Recovery.RESUME);
        }

        @Override
        public String description() {
            return "fake " + name;
        }

        @Override
        public Class<FakeEvent> eventType() {
            return FakeEvent.class;
        }

        @Override
        public Message request(int requestId) {
            return new Message("req " + name, v -> frame("req " + name, requestId));
        }

        @Override
        public Optional<Message> cancel(int requestId) {
            return Optional.of(new Message("cancel " + name, v -> frame("cancel " + name, requestId)));
        }

        @Override
        public boolean isFatal(int code) {
            return code == FATAL;
        }

        @Override
        public Recovery onReconnect() {
            return reconnect;
        }

        @Override
        public Recovery onDataLost() {
            return dataLost;
        }

        @Override
        public Recovery onDataKept() {
            return dataKept;
        }

        @Override
        public Object conflationKey(FakeEvent event) {
            return event instanceof Row row ? row.key() : null;
        }

        @Override
        public FakeEvent signal(Lifecycle signal) {
            return new Signal(signal);
        }
    }

    /**
     * A request answered by id-less message kinds (as reqPositions is), of a kind TWS limits.
     *
     * @param name  its name
     * @param kinds the message kinds that answer it
     * @param max   how many distinct ones of its group may be live at once
     */
    record Limited(String name, Set<IncomingMessageId> kinds, int max) implements SubscriptionSpec<FakeEvent> {

        @Override
        public String description() {
            return "limited " + name;
        }

        @Override
        public Class<FakeEvent> eventType() {
            return FakeEvent.class;
        }

        @Override
        public Message request(int requestId) {
            return new Message("req " + name, v -> frame("req " + name, requestId));
        }

        @Override
        public Optional<Message> cancel(int requestId) {
            return Optional.empty();
        }

        @Override
        public boolean isFatal(int code) {
            return code == FATAL;
        }

        @Override
        public Set<IncomingMessageId> messageKinds() {
            return kinds;
        }

        @Override
        public Optional<Limit> limit() {
            return Optional.of(new Limit("fake limited", max, "the fake allows " + max));
        }

        /** @return rows by their key and the end marker: a full set, replayed to subscribers that join later */
        @Override
        public Object replayKey(FakeEvent event) {
            return event instanceof Row row ? row.key() : event instanceof End ? End.class : null;
        }

        @Override
        public boolean hasReplay() {
            return true;
        }

        /** @return a refusal unless the session manages an account of its name, or its name is "positions" */
        @Override
        public Optional<String> refusal(Ready session) {
            return name.equals("positions") || session.accounts().contains(name) ? Optional.empty()
                    : Optional.of("account " + name + " is not managed by this session");
        }

        @Override
        public FakeEvent signal(Lifecycle signal) {
            return new Signal(signal);
        }
    }

    /** A request -> rows -> End exchange over the fake events, with a cancel. */
    record OneShot(String name) implements OneShotSpec<Row> {

        @Override
        public String description() {
            return "fake one-shot " + name;
        }

        @Override
        public SubscriptionSpec.Message request(int requestId) {
            return new SubscriptionSpec.Message("req " + name, v -> frame("req " + name, requestId));
        }

        @Override
        public Optional<Row> row(RequestEvent event) {
            return event instanceof Row row ? Optional.of(row) : Optional.empty();
        }

        @Override
        public boolean isEnd(RequestEvent event) {
            return event instanceof End;
        }

        @Override
        public Optional<SubscriptionSpec.Message> cancel(int requestId) {
            return Optional.of(new SubscriptionSpec.Message("cancel " + name, v -> frame("cancel " + name,
                    requestId)));
        }

        @Override
        public boolean isFatal(int code) {
            return code != WARNING;
        }
    }
}
