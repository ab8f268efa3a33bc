package io.github.twssupervisor.json.client;

import akka.Done;
import akka.actor.typed.ActorRef;
import io.github.twssupervisor.connection.InboundDecoder;
import io.github.twssupervisor.connection.SessionEvent;
import io.github.twssupervisor.json.JsonCodec;
import io.github.twssupervisor.json.JsonMessage;
import io.github.twssupervisor.json.JsonProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the JSON server's frames in the socket's stream: session-level messages ({@link JsonSessionEvent}) to the
 * supervisor's side, the rest (replies and broadcasts) to the {@link JsonClientActor}. A frame that is not a valid
 * message is logged and skipped, the connection kept: the server's replies are read in order, so a reply it garbled
 * leaves its request to time out rather than answering the wrong one.
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
                LOG.warn("The JSON server sent a frame that is no valid message, skipped: {}", e.getMessage());
            }
        }
        return messages.isEmpty() ? Optional.empty() : Optional.of(messages);
    }

    @Override
    public void deliver(long epoch, List<JsonMessage> decoded, ActorRef<Done> taken) {
        client.tell(new JsonClientActor.Delivered(epoch, decoded, taken));
    }
}
