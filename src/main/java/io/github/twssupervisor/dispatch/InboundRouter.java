package io.github.twssupervisor.dispatch;

import io.github.twssupervisor.connection.SessionEvent;
import io.github.twssupervisor.connection.TwsSessionEvent;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.WireFormatException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes an inbound frame with the negotiated server version and decides its owner. A pure function, tested without
 * actors; the {@link FrameDecoder} runs it in the socket's stream and the {@link Dispatcher} delivers the rest.
 *
 * <pre>
 * error with id -1, nextValidId, managedAccounts, currentTime  -> supervisor (session level)
 * error with an id                                            -> owner of the request id (else of the order id)
 * messages of a registered domain                              -> owner of the key the decoder gives:
 *                                                                 request id, order id or message kind
 * anything else, known or unknown id                           -> raw subscribers
 * a frame that does not decode                                 -> Failed (logged, connection kept)
 * </pre>
 */
public final class InboundRouter {

    private final Map<IncomingMessageId, DomainDecoder> decoders;

    /**
     * @param decoders the domains' decoders; a message id may have only one
     */
    public InboundRouter(List<DomainDecoder> decoders) {
        Map<IncomingMessageId, DomainDecoder> byId = new EnumMap<>(IncomingMessageId.class);
        for (DomainDecoder decoder : decoders) {
            for (IncomingMessageId id : decoder.messages()) {
                if (byId.put(id, decoder) != null) {
                    throw new IllegalArgumentException("two decoders for " + id);
                }
            }
        }
        this.decoders = byId;
    }

    /** A router for session-level messages only. */
    public InboundRouter() {
        this(List.of());
    }

    /**
     * @param serverVersion the version negotiated on the frame's socket
     * @param payload       the frame payload
     * @return where it goes
     */
    public Routed route(int serverVersion, byte[] payload) {
        FieldReader reader = new FieldReader(payload);
        int code;
        try {
            code = reader.readInt();
        } catch (WireFormatException e) {
            return new Routed.Failed(-1, "message id: " + e.getMessage());
        }
        Optional<IncomingMessageId> id = IncomingMessageId.fromCode(code);
        try {
            if (id.isPresent()) {
                switch (id.get()) {
                    case ERROR:
                        SessionCodec.TwsError error = SessionCodec.decodeError(serverVersion, reader);
                        if (error.id() == TwsErrorCode.NO_REQUEST_ID) {
                            return new Routed.ToSupervisor(new TwsSessionEvent.Error(error));
                        }
                        return new Routed.ToOwner(RouteKey.request(error.id()), new RequestError(error), code, payload);
                    case NEXT_VALID_ID:
                        return new Routed.ToSupervisor(new TwsSessionEvent.NextValidId(
                                SessionCodec.decodeNextValidId(reader)));
                    case MANAGED_ACCOUNTS:
                        return new Routed.ToSupervisor(new TwsSessionEvent.ManagedAccounts(
                                SessionCodec.decodeManagedAccounts(reader)));
                    case CURRENT_TIME:
                        return new Routed.ToSupervisor(new TwsSessionEvent.CurrentTime(
                                SessionCodec.decodeCurrentTime(reader)));
                    default:
                        DomainDecoder decoder = decoders.get(id.get());
                        if (decoder != null) {
                            DomainDecoder.Addressed addressed = decoder.decode(serverVersion, id.get(), reader);
                            return new Routed.ToOwner(addressed.key(), addressed.event(), code, payload);
                        }
                        break;
                }
            }
        } catch (WireFormatException | IllegalArgumentException e) {
            return new Routed.Failed(code, id.map(IncomingMessageId::toString).orElse(String.valueOf(code)) + ": "
                    + e.getMessage());
        }
        return new Routed.ToRaw(new RawEvent(code, Frames.fields(payload)));
    }
}
