package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twssupervisor.orders.ExecutionCodec;
import io.github.twssupervisor.orders.OrderMessage;
import io.github.twssupervisor.orders.OrderStateCodec;
import io.github.twssupervisor.testutil.PlainTwsClient;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.VersionRange;
import io.github.twssupervisor.wire.WireLimits;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A plain socket client of the simulator's order side, for its integration tests: it reads the order frames back with
 * the library's client decoders (so a frame the client could not decode fails the test), errors with
 * {@link SessionCodec#decodeError}, nextValidId as an Integer, and skips everything else.
 */
final class OrderWire implements AutoCloseable {

    private static final OrderStateCodec ORDER_STATE = new OrderStateCodec();
    private static final ExecutionCodec EXECUTIONS = new ExecutionCodec();

    final PlainTwsClient client;
    final int serverVersion;
    final int nextValidId;

    private OrderWire(PlainTwsClient client, int serverVersion, int nextValidId) {
        this.client = client;
        this.serverVersion = serverVersion;
        this.nextValidId = nextValidId;
    }

    /**
     * @return a client past the start-up sequence (accounts, nextValidId, three farm notices) at exactly this version
     */
    static OrderWire ready(InetSocketAddress address, int serverVersion, int clientId) {
        PlainTwsClient client = PlainTwsClient.started(address, new VersionRange(serverVersion, serverVersion, ""),
                clientId);
        int nextValidId = Integer.parseInt(client.readUntil(IncomingMessageId.NEXT_VALID_ID.code()).get(2));
        for (int i = 0; i < 3; i++) {
            assertEquals(String.valueOf(IncomingMessageId.ERROR.code()), client.readFields().get(0));
        }
        return new OrderWire(client, serverVersion, nextValidId);
    }

    void send(byte[] frame) {
        client.send(frame);
    }

    /** @return the next order message, error or nextValidId, skipping other frames */
    Object next() {
        while (true) {
            Optional<Object> decoded = decode(client.readFields());
            if (decoded.isPresent()) {
                return decoded.get();
            }
        }
    }

    /** @return the messages up to and including the first that matches */
    List<Object> until(Predicate<Object> last) {
        List<Object> read = new ArrayList<>();
        while (read.isEmpty() || !last.test(read.get(read.size() - 1))) {
            read.add(next());
        }
        return read;
    }

    /** @return the same, without an orderStatus that repeats the one just before (TWS repeats them now and then) */
    static List<Object> withoutRepeats(List<Object> messages) {
        List<Object> kept = new ArrayList<>();
        for (Object m : messages) {
            if (!(m instanceof OrderMessage.StatusReceived && !kept.isEmpty() && kept.get(kept.size() - 1).equals(m))) {
                kept.add(m);
            }
        }
        return kept;
    }

    private Optional<Object> decode(List<String> fields) {
        byte[] frame = FieldWriter.frameOf(fields);
        FieldReader reader = new FieldReader(Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length));
        int code = reader.readInt();
        IncomingMessageId id = IncomingMessageId.fromCode(code).orElse(null);
        if (id == null) {
            return Optional.empty();
        } else if (ORDER_STATE.messages().contains(id)) {
            return Optional.of(ORDER_STATE.decode(serverVersion, id, reader).event());
        } else if (EXECUTIONS.messages().contains(id)) {
            return Optional.of(EXECUTIONS.decode(serverVersion, id, reader).event());
        } else if (id == IncomingMessageId.ERROR) {
            return Optional.of(SessionCodec.decodeError(serverVersion, reader));
        } else if (id == IncomingMessageId.NEXT_VALID_ID) {
            return Optional.of(SessionCodec.decodeNextValidId(reader));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        client.close();
    }
}
