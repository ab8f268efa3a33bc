package io.github.twssupervisor.fuzz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.fuzz.Mutations.Labeled;
import io.github.twssupervisor.fuzz.Mutations.Mutant;
import io.github.twssupervisor.account.AccountSummaryCodec;
import io.github.twssupervisor.account.AccountUpdatesCodec;
import io.github.twssupervisor.account.PnlCodec;
import io.github.twssupervisor.account.PositionCodec;
import io.github.twssupervisor.marketdata.MarketDataCodec;
import io.github.twssupervisor.orders.OrderRequestCodec;
import io.github.twssupervisor.marketdata.MarketDataType;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.VersionRange;
import io.github.twssupervisor.wire.WireFormatException;
import io.github.twssupervisor.wire.WireLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The simulator's request decoders under hostile input. Their contract: the only exceptions that escape are
 * {@link WireFormatException} (unreadable frame) and {@link IllegalArgumentException} (invalid request), which the
 * simulator session turns into error replies; anything else would crash the session's actor. The version offer parser
 * may raise {@link WireFormatException} only.
 */
class RequestDecoderFuzzTest {

    /** The requests whose decoders the simulator calls, after reading the message id. */
    private static final Set<OutgoingMessageId> DECODED = Set.of(OutgoingMessageId.REQ_MKT_DATA,
            OutgoingMessageId.CANCEL_MKT_DATA, OutgoingMessageId.REQ_MARKET_DATA_TYPE, OutgoingMessageId.START_API,
            OutgoingMessageId.REQ_IDS, OutgoingMessageId.PLACE_ORDER, OutgoingMessageId.CANCEL_ORDER,
            OutgoingMessageId.REQ_EXECUTIONS, OutgoingMessageId.REQ_COMPLETED_ORDERS,
            OutgoingMessageId.REQ_ACCOUNT_SUMMARY, OutgoingMessageId.CANCEL_ACCOUNT_SUMMARY,
            OutgoingMessageId.REQ_POSITIONS, OutgoingMessageId.CANCEL_POSITIONS, OutgoingMessageId.REQ_ACCOUNT_UPDATES,
            OutgoingMessageId.REQ_PNL, OutgoingMessageId.REQ_PNL_SINGLE, OutgoingMessageId.CANCEL_PNL,
            OutgoingMessageId.CANCEL_PNL_SINGLE);

    /** Requests whose layout changes inside the supported range: a frame decodes at its own version only. */
    private static final Set<OutgoingMessageId> VERSIONED_LAYOUT = Set.of(OutgoingMessageId.PLACE_ORDER,
            OutgoingMessageId.CANCEL_ORDER, OutgoingMessageId.REQ_EXECUTIONS);
    /** The server versions of the golden client captures. */
    private static final List<Integer> GOLDEN_VERSIONS = List.of(176, 193);

    private static final List<byte[]> GOLDEN = FuzzSeeds.clientPayloads();

    @Property(tries = 5000)
    void mutatedClientFramesRaiseOnlyWireOrArgumentErrorsInTheirDecoder(@ForAll("mutatedClientFrames") Mutant mutant) {
        FieldReader idReader = new FieldReader(mutant.payload());
        Optional<OutgoingMessageId> id;
        try {
            id = OutgoingMessageId.fromCode(idReader.readInt());
        } catch (WireFormatException e) {
            return; // the session answers an unreadable id before any decoder runs
        }
        if (id.isEmpty() || !DECODED.contains(id.get())) {
            return;
        }
        for (int version = ServerVersion.MIN_SUPPORTED; version <= ServerVersion.MAX_SUPPORTED; version++) {
            int serverVersion = version;
            raisesOnlyWireOrArgumentErrors(mutant, id.get(), reader -> decode(id.get(), serverVersion, reader));
        }
    }

    /** Every decoder on every mutated frame, whatever its id: a decoder must not rely on having been chosen by it. */
    @Property(tries = 2000)
    void everyDecoderRaisesOnlyWireOrArgumentErrorsOnAnyFrameBody(@ForAll("mutatedClientFrames") Mutant mutant) {
        for (OutgoingMessageId id : DECODED) {
            for (int version : new int[] {ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED}) {
                raisesOnlyWireOrArgumentErrors(mutant, id, reader -> decode(id, version, reader));
            }
        }
    }

    @Property(tries = 2000)
    void versionOffersRaiseOnlyWireFormatErrors(@ForAll("versionOffers") byte[] payload) {
        VersionRange range;
        try {
            range = VersionRange.parse(payload);
        } catch (WireFormatException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "no reason given");
            return;
        } catch (Throwable e) { // the property under test
            throw new AssertionError("VersionRange.parse('" + Frames.printable(payload, 200) + "') threw " + e, e);
        }
        assertTrue(range.min() > 0 && range.max() >= range.min(), range.toString());
    }

    @Example
    void everyGoldenClientFrameDecodesWithoutError() {
        Set<OutgoingMessageId> decoded = EnumSet.noneOf(OutgoingMessageId.class);
        for (byte[] payload : seedsWithEncoderFrames()) {
            FieldReader reader = new FieldReader(payload);
            Optional<OutgoingMessageId> id = OutgoingMessageId.fromCode(reader.readInt());
            if (id.isPresent() && VERSIONED_LAYOUT.contains(id.get())) {
                // Recorded at 176 or 193 (the golden captures); its layout is that version's only.
                long decodes = GOLDEN_VERSIONS.stream().filter(version -> {
                    try {
                        decode(id.get(), version, new FieldReader(payload).skipping(1));
                        return true;
                    } catch (WireFormatException | IllegalArgumentException e) {
                        return false;
                    }
                }).count();
                assertTrue(decodes > 0, "decodes at neither golden version: " + Frames.printable(payload, 200));
                decoded.add(id.get());
            } else if (id.isPresent() && DECODED.contains(id.get())) {
                for (int version = ServerVersion.MIN_SUPPORTED; version <= ServerVersion.MAX_SUPPORTED; version++) {
                    int serverVersion = version;
                    FieldReader body = new FieldReader(payload).skipping(1);
                    assertDoesNotThrow(() -> decode(id.get(), serverVersion, body), Frames.printable(payload, 200));
                }
                decoded.add(id.get());
            }
        }
        assertEquals(DECODED, decoded, "every decoder has a seed");
        for (byte[] payload : FuzzSeeds.handshakePayloads()) {
            assertDoesNotThrow(() -> VersionRange.parse(payload), Frames.printable(payload, 200));
        }
    }

    /**
     * Found by the large fuzz run ({@code -Pfuzz}): the simulator answers an unreadable or invalid request with an
     * error that quotes the reason, and the reason quoted a contract field or flag whole, 10,000 characters of it.
     */
    @Example
    void aHugeFieldIsQuotedShortInTheReason() {
        String huge = "X".repeat(10_000);
        List<String> frames = List.of("1|11|1001|0|AAPL|" + huge + "||0|||SMART||USD|||0|||", "6|2|" + huge + "|DU1|",
                "1|11|1001|0|AAPL|OPT|20261218|100|" + huge + "||SMART||USD|||0|||");
        for (String text : frames) {
            byte[] payload = text.replace('|', '\0').getBytes(StandardCharsets.ISO_8859_1);
            OutgoingMessageId id = OutgoingMessageId.fromCode(new FieldReader(payload).readInt()).orElseThrow();
            for (int version : new int[] {ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED}) {
                RuntimeException e = assertThrows(RuntimeException.class,
                        () -> decode(id, version, new FieldReader(payload).skipping(1)));
                assertTrue(e.getMessage().length() <= FuzzCampaign.MAX_REASON,
                        id + ": a reason of " + e.getMessage().length() + " characters");
            }
        }
    }

    @Provide
    Arbitrary<Mutant> mutatedClientFrames() {
        List<Labeled> seeds = new ArrayList<>();
        for (byte[] payload : seedsWithEncoderFrames()) {
            seeds.add(new Labeled("'" + Frames.printable(payload, 40) + "'", payload));
        }
        return Mutations.mutants(seeds).withoutEdgeCases();
    }

    @Provide
    Arbitrary<byte[]> versionOffers() {
        List<Labeled> seeds = FuzzSeeds.handshakePayloads().stream()
                .map(p -> new Labeled(new String(p, StandardCharsets.ISO_8859_1), p)).toList();
        Arbitrary<String> number = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 300).map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("0", "-1", "000000176", "999999999", "2147483647", "2147483648",
                        "9999999999", "1".repeat(10_000), "", "\u00d9\u00a3")),
                Tuple.of(1, Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(12)));
        Arbitrary<String> separator = Arbitraries.of("..", ".", "...", "-", "", "..-", "\0");
        Arbitrary<String> options = Arbitraries.of("", " ", " +PACEAPI", " +PACEAPI\0", "\0", "  x", "\n",
                " " + "A".repeat(10_000));
        Arbitrary<String> prefix = Arbitraries.of("v", "V", "", "vv", " v", "\0v");
        Arbitrary<byte[]> offers = Combinators.combine(prefix, number, separator, number, options)
                .as((p, min, sep, max, opt) -> (p + min + sep + max + opt).getBytes(StandardCharsets.ISO_8859_1));
        return Arbitraries.oneOf(offers, Mutations.noise(200),
                Mutations.mutants(seeds).withoutEdgeCases().map(Mutant::payload));
    }

    /** The golden frames plus, from our own encoders, the two decoded requests the golden script does not send. */
    private static List<byte[]> seedsWithEncoderFrames() {
        List<byte[]> seeds = new ArrayList<>(GOLDEN);
        for (MarketDataType type : MarketDataType.values()) {
            seeds.add(unframed(MarketDataCodec.reqMarketDataType(type)));
        }
        seeds.add(unframed(SessionCodec.reqIds(1)));
        seeds.add(unframed(OrderRequestCodec.cancelOrder(176, 7)));
        seeds.add(unframed(OrderRequestCodec.reqCompletedOrders(true)));
        seeds.add(unframed(AccountSummaryCodec.cancelAccountSummary(9001)));
        seeds.add(unframed(PositionCodec.cancelPositions()));
        seeds.add(unframed(AccountUpdatesCodec.reqAccountUpdates(true, "DU111111")));
        seeds.add(unframed(PnlCodec.reqPnL(1, "DU111111", "")));
        seeds.add(unframed(PnlCodec.reqPnLSingle(2, "DU111111", "", 265598)));
        seeds.add(unframed(PnlCodec.cancelPnL(1)));
        seeds.add(unframed(PnlCodec.cancelPnLSingle(2)));
        return seeds;
    }

    private static void decode(OutgoingMessageId id, int serverVersion, FieldReader reader) {
        switch (id) {
            case REQ_MKT_DATA:
                MarketDataCodec.decodeReqMktData(serverVersion, reader);
                break;
            case CANCEL_MKT_DATA:
                MarketDataCodec.decodeCancelMktData(reader);
                break;
            case REQ_MARKET_DATA_TYPE:
                MarketDataCodec.decodeReqMarketDataType(reader);
                break;
            case START_API:
                SessionCodec.decodeStartApi(reader);
                break;
            case REQ_IDS:
                SessionCodec.decodeReqIds(reader);
                break;
            case PLACE_ORDER:
                OrderRequestCodec.decodePlaceOrder(serverVersion, reader);
                break;
            case CANCEL_ORDER:
                OrderRequestCodec.decodeCancelOrder(serverVersion, reader);
                break;
            case REQ_EXECUTIONS:
                OrderRequestCodec.decodeReqExecutions(serverVersion, reader);
                break;
            case REQ_COMPLETED_ORDERS:
                OrderRequestCodec.decodeReqCompletedOrders(reader);
                break;
            case REQ_ACCOUNT_SUMMARY:
                AccountSummaryCodec.decodeReqAccountSummary(reader);
                break;
            case CANCEL_ACCOUNT_SUMMARY:
                AccountSummaryCodec.decodeCancelAccountSummary(reader);
                break;
            case REQ_POSITIONS:
            case CANCEL_POSITIONS:
                PositionCodec.decodePositionsRequest(reader);
                break;
            case REQ_ACCOUNT_UPDATES:
                AccountUpdatesCodec.decodeReqAccountUpdates(reader);
                break;
            case REQ_PNL:
                PnlCodec.decodeReqPnL(reader);
                break;
            case REQ_PNL_SINGLE:
                PnlCodec.decodeReqPnLSingle(reader);
                break;
            case CANCEL_PNL:
            case CANCEL_PNL_SINGLE:
                PnlCodec.decodeCancel(reader);
                break;
            default:
                throw new IllegalStateException("no decoder for " + id);
        }
    }

    private static void raisesOnlyWireOrArgumentErrors(Mutant mutant, OutgoingMessageId id,
                                                       Consumer<FieldReader> decoder) {
        FieldReader reader = new FieldReader(mutant.payload());
        try {
            reader.skip(); // positioned after the message id, whatever it is, as the session calls decoders
        } catch (WireFormatException e) {
            return;
        }
        try {
            decoder.accept(reader);
        } catch (WireFormatException | IllegalArgumentException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), id + ": no reason given");
            assertTrue(e.getMessage().length() <= FuzzCampaign.MAX_REASON,
                    id + ": a reason of " + e.getMessage().length() + " characters");
        } catch (Throwable e) { // the property under test
            throw new AssertionError(id + " decoder threw " + e, e);
        }
    }

    private static byte[] unframed(byte[] frame) {
        return Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length);
    }
}
