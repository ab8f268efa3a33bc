package io.github.twssupervisor.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.twssupervisor.dispatch.DomainDecoder.Addressed;
import io.github.twssupervisor.dispatch.InboundRouter;
import io.github.twssupervisor.dispatch.Routed;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.IncomingMessageId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Frame helpers of the account codec tests: text with {@code |} for NUL, and decoding through the domain. */
final class AccountFrames {

    /** The client's router with the account domain's decoders, as the dispatcher's stream uses it. */
    static final InboundRouter ROUTER = new InboundRouter(new AccountDomain().decoders());

    private AccountFrames() {
    }

    static String text(byte[] frame) {
        return new String(payloadOf(frame), StandardCharsets.US_ASCII).replace('\0', '|');
    }

    static byte[] payload(String text) {
        return text.replace('|', '\0').getBytes(StandardCharsets.UTF_8);
    }

    static byte[] payloadOf(byte[] frame) {
        return Arrays.copyOfRange(frame, 4, frame.length);
    }

    /** @return a reader positioned after the message id */
    static FieldReader reader(String text) {
        return new FieldReader(payload(text)).skipping(1);
    }

    /** Decodes a payload with the account domain's decoder of its message id, and checks every field was read. */
    static Addressed decodeAll(int sv, byte[] payload) {
        FieldReader reader = new FieldReader(payload);
        IncomingMessageId id = IncomingMessageId.fromCode(reader.readInt()).orElseThrow();
        Addressed addressed = new AccountDomain().decoders().stream().filter(d -> d.messages().contains(id))
                .findFirst().orElseThrow().decode(sv, id, reader);
        assertFalse(reader.hasMore(), "every field read");
        return addressed;
    }

    static Addressed decodeAll(int sv, String text) {
        return decodeAll(sv, payload(text));
    }

    /** @return the router's verdict on a frame: a malformed one is a {@link Routed.Failed}, never an exception */
    static Routed.Failed failure(int sv, String text) {
        return assertInstanceOf(Routed.Failed.class, ROUTER.route(sv, payload(text)), text);
    }

    /** Every truncation of a frame (keeping at least the message id) is a routed failure. */
    static void everyTruncationFails(int sv, byte[] frame) {
        String whole = text(frame);
        String[] fields = whole.split("\\|", -1);
        for (int kept = 1; kept < fields.length - 1; kept++) {
            String cut = String.join("|", Arrays.copyOf(fields, kept)) + "|";
            Routed.Failed failed = failure(sv, cut);
            assertEquals(Integer.parseInt(fields[0]), failed.messageId(), cut);
        }
    }
}
