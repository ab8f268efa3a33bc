package io.github.twssupervisor.json.client;

import akka.Done;
import akka.actor.typed.ActorRef;
import io.github.twssupervisor.connection.InboundDecoder;
import io.github.twssupervisor.connection.SessionEvent;
import io.github.twssupervisor.json.JsonCodec;
import io.github.twssupervisor.json.JsonMessage;
import io.github.twssupervisor.json.JsonProtocolException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the JSON server's frames in the socket's stream: session-level messages ({@link JsonSessionEvent}) to the
 * supervisor's side, the rest (replies and broadcasts) to the {@link JsonClientActor}. Replies answer requests in
 * order, so a frame that cannot be read is never just skipped (see {@link #unreadable}).
 */
final class JsonInboundDecoder implements InboundDecoder<List<JsonMessage>> {

    private static final Logger LOG = LoggerFactory.getLogger(JsonInboundDecoder.class);

    private final ActorRef<JsonClientActor.Command> client;

    JsonInboundDecoder(ActorRef<JsonClientActor.Command> client) {
        this.client = client;
    }

    @Override
    public Optional<List<JsonMessage>> decode(int serverVersion, List<byte[]> payloads, List<SessionEvent> session) {
        List<JsonMessage> messages = new ArrayList<>(payloads.size());
        for (byte[] payload : payloads) {
            try {
                JsonMessage message = JsonCodec.decode(payload);
                Optional<JsonSessionEvent> event = JsonSessionEvent.of(message);
                if (event.isPresent()) {
                    session.add(event.get());
                } else {
                    messages.add(message);
                }
            } catch (JsonProtocolException e) {
                unreadable(e, session, messages);
            }
        }
        return messages.isEmpty() ? Optional.empty() : Optional.of(messages);
    }

    /**
     * A reply must answer its request even when it cannot be read, or every later reply would answer the request
     * before its own: one of a known type stands as an {@code error} that fails its request with the reason. A pong or
     * a broadcast answers no request in order (pongs match by timestamp), so one that cannot be read is only logged.
     * A frame whose type cannot be read at all is a session event that drops the connection.
     */
    private static void unreadable(JsonProtocolException e, List<SessionEvent> session, List<JsonMessage> messages) {
        Optional<String> type = e.receivedType();
        if (type.isEmpty()) {
            session.add(new JsonSessionEvent.Garbled(e.getMessage()));
        } else if (type.get().equals(JsonMessage.Pong.TYPE) || type.get().equals(JsonMessage.BroadcastMessage.TYPE)) {
            LOG.warn("The JSON server sent a {} that cannot be read, skipped: {}", type.get(), e.getMessage());
        } else {
            LOG.warn("The JSON server sent a {} that cannot be read; its request fails: {}", type.get(),
                    e.getMessage());
            messages.add(new JsonMessage.Error("the server's " + type.get() + " could not be read: " + e.getMessage(),
                    type, Instant.now()));
        }
    }

    @Override
    public void deliver(long epoch, List<JsonMessage> decoded, ActorRef<Done> taken) {
        client.tell(new JsonClientActor.Delivered(epoch, decoded, taken));
    }
}
