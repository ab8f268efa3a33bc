package io.github.twssupervisor.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.connection.SessionEvent;
import io.github.twssupervisor.connection.TwsSessionEvent;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.SessionCodec.TwsError;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.WireLimits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Routing of inbound payloads, written in the notation of TWS-WIRE.md ({@code |} = NUL); no actors. */
class InboundRouterTest {

    /** The lowest and highest versions the library negotiates; the error layout changes in between. */
    private static final int SV_OLD = ServerVersion.MIN_SUPPORTED;
    private static final int SV_NEW = ServerVersion.MAX_SUPPORTED;
    /** errorTime of the live sv-200 capture (TWS-WIRE.md §9). */
    private static final long LIVE_ERROR_TIME = 1775425766350L;
    private static final InboundRouter ROUTER = new InboundRouter();

    private static byte[] payload(String text) {
        return text.replace('|', '\0').getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] payloadOf(byte[] frame) {
        return Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length);
    }

    private static SessionEvent toSupervisor(int serverVersion, byte[] payload) {
        return assertInstanceOf(Routed.ToSupervisor.class, ROUTER.route(serverVersion, payload)).event();
    }

    private static RawEvent toRaw(int serverVersion, byte[] payload) {
        return assertInstanceOf(Routed.ToRaw.class, ROUTER.route(serverVersion, payload)).event();
    }

    private static Routed.Failed failed(int serverVersion, byte[] payload) {
        return assertInstanceOf(Routed.Failed.class, ROUTER.route(serverVersion, payload));
    }

    @Test
    void aSessionNoticeInTheOldLayoutGoesToTheSupervisor() {
        assertTrue(SV_OLD < ServerVersion.ERROR_TIME, "the old layout has a version field and no time");
        SessionEvent event = toSupervisor(SV_OLD, payload("4|2|-1|2104|msg||"));
        assertEquals(new TwsSessionEvent.Error(new TwsError(TwsErrorCode.NO_REQUEST_ID,
                TwsErrorCode.MARKET_DATA_FARM_OK, "msg", "", OptionalLong.empty())), event);
    }

    @Test
    void aSessionNoticeInTheNewLayoutGoesToTheSupervisor() {
        assertTrue(SV_NEW >= ServerVersion.ERROR_TIME, "the new layout has no version field and a time");
        SessionEvent event = toSupervisor(SV_NEW, payload("4|-1|2104|msg||" + LIVE_ERROR_TIME + "|"));
        assertEquals(new TwsSessionEvent.Error(TwsError.of(TwsErrorCode.NO_REQUEST_ID,
                TwsErrorCode.MARKET_DATA_FARM_OK, "msg", LIVE_ERROR_TIME)), event);
    }

    @Test
    void sessionNoticesOfEveryNegotiableVersionGoToTheSupervisor() {
        for (int sv = ServerVersion.MIN_SUPPORTED; sv <= ServerVersion.MAX_SUPPORTED; sv++) {
            TwsError error = TwsError.of(TwsErrorCode.NO_REQUEST_ID, TwsErrorCode.CONNECTIVITY_LOST,
                    "Connectivity between IB and Trader Workstation has been lost.", LIVE_ERROR_TIME);
            TwsSessionEvent.Error event = assertInstanceOf(TwsSessionEvent.Error.class,
                    toSupervisor(sv, payloadOf(SessionCodec.error(sv, error))), "sv " + sv);
            assertEquals(TwsErrorCode.CONNECTIVITY_LOST, event.error().code(), "sv " + sv);
            assertEquals(error.message(), event.error().message(), "sv " + sv);
        }
    }

    @Test
    void anErrorAboutARequestGoesToTheOwnerOfItsIdWithItsRawFormAsFallback() {
        Routed.ToOwner old = assertInstanceOf(Routed.ToOwner.class, ROUTER.route(SV_OLD,
                payload("4|2|17|200|No security definition has been found||")));
        assertEquals(RouteKey.request(17), old.key());
        assertEquals(200, assertInstanceOf(RequestError.class, old.event()).error().code());
        assertEquals(new RawEvent(IncomingMessageId.ERROR.code(), List.of("4", "2", "17", "200",
                "No security definition has been found", "")), old.raw());
        Routed.ToOwner current = assertInstanceOf(Routed.ToOwner.class, ROUTER.route(SV_NEW,
                payload("4|17|200|No security definition||" + LIVE_ERROR_TIME + "|")));
        assertEquals(RouteKey.request(17), current.key());
        assertEquals(new RawEvent(IncomingMessageId.ERROR.code(), List.of("4", "17", "200", "No security definition",
                "", String.valueOf(LIVE_ERROR_TIME))), current.raw());
    }

    @Test
    void nextValidIdGoesToTheSupervisor() {
        assertEquals(new TwsSessionEvent.NextValidId(42), toSupervisor(SV_NEW, payload("9|1|42|")));
        assertEquals(new TwsSessionEvent.NextValidId(1001), toSupervisor(SV_OLD, payloadOf(SessionCodec.nextValidId(1001))));
    }

    @Test
    void managedAccountsGoToTheSupervisor() {
        List<String> accounts = List.of("DU111111", "DU222222");
        assertEquals(new TwsSessionEvent.ManagedAccounts(accounts),
                toSupervisor(SV_NEW, payload("15|1|DU111111,DU222222,|")));
        assertEquals(new TwsSessionEvent.ManagedAccounts(accounts),
                toSupervisor(SV_NEW, payloadOf(SessionCodec.managedAccounts(accounts))));
    }

    @Test
    void currentTimeGoesToTheSupervisor() {
        long now = 1775425766L;
        assertEquals(new TwsSessionEvent.CurrentTime(now), toSupervisor(SV_NEW, payload("49|1|" + now + "|")));
        assertEquals(new TwsSessionEvent.CurrentTime(now), toSupervisor(SV_OLD, payloadOf(SessionCodec.currentTime(now))));
    }

    @Test
    void tickPriceGoesToRawSubscribersWithItsFields() {
        RawEvent event = toRaw(SV_NEW, payload("1|6|1001|1|150.25|100|0|"));
        assertEquals(new RawEvent(IncomingMessageId.TICK_PRICE.code(),
                List.of("1", "6", "1001", "1", "150.25", "100", "0")), event);
    }

    @Test
    void anUnknownMessageIdIsARawEventNotAnError() {
        int unknown = 999;
        assertTrue(IncomingMessageId.fromCode(unknown).isEmpty(), "999 is not a known id");
        assertEquals(new RawEvent(unknown, List.of("999", "x")), toRaw(SV_NEW, payload("999|x|")));
    }

    @Test
    void aNonNumericMessageIdFails() {
        Routed.Failed failed = failed(SV_NEW, payload("abc|1|"));
        assertEquals(-1, failed.messageId());
        assertTrue(failed.error().contains("message id"), failed.error());
        assertTrue(failed.error().contains("abc"), failed.error());
    }

    @Test
    void aCurrentTimeWithANonNumericTimeFailsNamingTheMessageAndTheField() {
        Routed.Failed failed = failed(SV_NEW, payload("49|1|soon|"));
        assertEquals(IncomingMessageId.CURRENT_TIME.code(), failed.messageId());
        assertTrue(failed.error().contains(IncomingMessageId.CURRENT_TIME.apiName()), failed.error());
        // Field 2 (from 0: id, version, time) holds the bad value.
        assertTrue(failed.error().contains("field 2"), failed.error());
        assertTrue(failed.error().contains("soon"), failed.error());
    }

    @Test
    void aTruncatedSessionMessageFailsWithItsId() {
        assertEquals(IncomingMessageId.NEXT_VALID_ID.code(), failed(SV_NEW, payload("9|1|")).messageId());
        assertEquals(IncomingMessageId.ERROR.code(), failed(SV_NEW, payload("4|-1|")).messageId());
    }

    // ------------------------------------------------------------------ route keys other than a request id

    /** A decoded message of the fake domain below: what it read, which is all a test needs. */
    private record FakeEvent(String field) implements RequestEvent {
    }

    /**
     * A domain with the three kinds of route: orderStatus by its order id, position by its message kind (it carries no
     * id), tickPrice by its request id.
     */
    private static final InboundRouter KEYED = new InboundRouter(List.of(new DomainDecoder() {
        @Override
        public Set<IncomingMessageId> messages() {
            return Set.of(IncomingMessageId.ORDER_STATUS, IncomingMessageId.POSITION, IncomingMessageId.TICK_PRICE);
        }

        @Override
        public Addressed decode(int serverVersion, IncomingMessageId id, FieldReader reader) {
            switch (id) {
                case ORDER_STATUS:
                    return new Addressed(RouteKey.order(reader.readInt()), new FakeEvent(reader.readString()));
                case POSITION:
                    return new Addressed(RouteKey.kind(id), new FakeEvent(reader.readString()));
                default:
                    reader.readInt(); // version
                    return new Addressed(reader.readInt(), new FakeEvent(reader.readString()));
            }
        }
    }));

    private static Routed.ToOwner toOwner(byte[] payload) {
        return assertInstanceOf(Routed.ToOwner.class, KEYED.route(SV_NEW, payload));
    }

    @Test
    void aMessageKeyedByOrderIdGoesToTheOwnerOfThatOrder() {
        Routed.ToOwner routed = toOwner(payload("3|42|Filled|"));
        assertEquals(RouteKey.order(42), routed.key());
        assertEquals(new FakeEvent("Filled"), routed.event());
        assertEquals(new RouteKey.OrderId(42), routed.key());
    }

    @Test
    void aMessageWithoutAnIdGoesToTheOwnerOfItsKind() {
        Routed.ToOwner routed = toOwner(payload("61|DU1|"));
        assertEquals(new RouteKey.MessageKind(IncomingMessageId.POSITION), routed.key());
        assertEquals(new FakeEvent("DU1"), routed.event());
    }

    @Test
    void theKeysOfOneIdDifferByKindSoAnOrderIsNeverTakenForARequest() {
        Routed.ToOwner byRequest = toOwner(payload("1|6|42|x|"));
        Routed.ToOwner byOrder = toOwner(payload("3|42|x|"));
        assertEquals(RouteKey.request(42), byRequest.key());
        assertTrue(!byRequest.key().equals(byOrder.key()), byRequest.key() + " vs " + byOrder.key());
    }

    @Test
    void anErrorIsKeyedByItsIdAsARequestIdWhateverDomainsAreRegistered() {
        Routed.ToOwner routed = toOwner(payload("4|42|202|Order cancelled||" + LIVE_ERROR_TIME + "|"));
        assertEquals(RouteKey.request(42), routed.key());
        assertEquals(202, assertInstanceOf(RequestError.class, routed.event()).error().code());
    }
}
