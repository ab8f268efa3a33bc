package io.github.twssupervisor.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.dispatch.InboundRouter;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.Routed;
import io.github.twssupervisor.fuzz.FuzzSeeds.ServerSeed;
import io.github.twssupervisor.fuzz.Mutations.Labeled;
import io.github.twssupervisor.fuzz.Mutations.Mutant;
import io.github.twssupervisor.account.AccountDomain;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.contracts.ContractsDomain;
import io.github.twssupervisor.history.HistoryDomain;
import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.marketdata.MarketDataCodec;
import io.github.twssupervisor.orders.ExecutionCodec;
import io.github.twssupervisor.orders.OrderStateCodec;
import io.github.twssupervisor.marketdata.MarketDataEvent;
import io.github.twssupervisor.wire.ServerVersion;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The client's inbound decoding under hostile input: whatever a server sends, {@link InboundRouter#route(int, byte[])}
 * returns a {@link Routed} value at every supported server version, and a frame that does not decode is a
 * {@link Routed.Failed} with a reason, never an exception that would take the socket's actor down.
 */
class InboundRouterFuzzTest {

    private static final InboundRouter ROUTER = new InboundRouter(Stream.of(
            Stream.<DomainDecoder>of(new MarketDataCodec(), new OrderStateCodec(), new ExecutionCodec()),
            new AccountDomain().decoders().stream(),
            new ContractsDomain(TwsSettings.defaults().contracts()).decoders().stream(),
            new HistoryDomain(TwsSettings.defaults().history()).decoders().stream()).flatMap(s -> s).toList());
    private static final List<ServerSeed> SEEDS = FuzzSeeds.serverSeeds();
    /** Room for sign, point and exponent spellings beyond the frame's own length. */
    private static final int PRINT_SLACK = 1024;

    @Property(tries = 1000)
    void arbitraryBytesRouteToAValue(@ForAll("noise") byte[] payload) {
        routesAtEveryVersion(payload);
    }

    @Property(tries = 1000)
    void randomFieldsAfterAnInboundIdRouteToAValue(@ForAll("randomFields") byte[] payload) {
        routesAtEveryVersion(payload);
    }

    @Property(tries = 5000)
    void mutatedServerFramesRouteToAValue(@ForAll("mutatedServerFrames") Mutant mutant) {
        routesAtEveryVersion(mutant.payload());
    }

    @Example
    void everyRecordedAndGoldenServerFrameDecodesAtTheVersionsItsLayoutBelongsTo() {
        List<String> failures = new ArrayList<>();
        for (ServerSeed seed : SEEDS) {
            for (int version = seed.minVersion(); version <= seed.maxVersion(); version++) {
                Routed routed = ROUTER.route(version, seed.payload());
                if (routed instanceof Routed.Failed failed) {
                    failures.add(seed + " at " + version + ": " + failed.error());
                }
            }
        }
        assertFalse(SEEDS.isEmpty());
        assertEquals(List.of(), failures, "real frames that did not decode");
    }

    /**
     * A decoded size must print in space proportional to its frame: quote tables and tick lines call
     * {@code toPlainString()} on it. Sizes are spelled as TWS might and as a broken peer might: any mantissa, any
     * exponent.
     */
    @Property(tries = 200)
    void decodedSizesPrintInSpaceProportionalToTheirFrame(@ForAll("sizeSpellings") String size,
                                                          @ForAll boolean inTickPrice) {
        byte[] payload = wire(inTickPrice ? "1|6|1001|1|150.25|" + size + "|0|" : "2|6|1001|8|" + size + "|");
        for (int version = ServerVersion.MIN_SUPPORTED; version <= ServerVersion.MAX_SUPPORTED; version++) {
            if (ROUTER.route(version, payload) instanceof Routed.ToOwner owner) {
                Optional<BigDecimal> decoded = size(owner.event());
                if (decoded.isPresent()) {
                    assertTrue(plainLength(decoded.get()) <= payload.length + PRINT_SLACK,
                            decoded.get() + " prints as " + plainLength(decoded.get()) + " characters");
                }
            }
        }
    }

    /** The shrunk counterexample of {@link #decodedSizesPrintInSpaceProportionalToTheirFrame}. */
    @Example
    void decimalSizeWithAHugeExponent() {
        byte[] payload = wire("2|6|1001|8|1E999999999|"); // tickSize, VOLUME
        Routed routed = ROUTER.route(ServerVersion.MAX_SUPPORTED, payload);
        if (routed instanceof Routed.ToOwner owner && size(owner.event()).isPresent()) {
            BigDecimal size = size(owner.event()).get();
            assertTrue(plainLength(size) <= payload.length + PRINT_SLACK,
                    size + " prints as " + plainLength(size) + " characters");
        }
    }

    /**
     * Decoding time must not grow with the square of a field's length: a 16 MiB frame is legal. Java's
     * {@code new BigDecimal(String)} is quadratic in the digit count (100,000 digits ~0.5 s, 1,000,000 ~14 s).
     */
    @Example
    void decimalSizeWithAMillionDigits() {
        byte[] payload = wire("2|6|1001|8|" + "7".repeat(1_000_000) + "|");
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> ROUTER.route(ServerVersion.MAX_SUPPORTED, payload));
    }

    /**
     * Found by the large fuzz run ({@code -Pfuzz}): a decode failure quoted a contract field whole, so one frame with
     * a 10,000-character right, symbol or timestamp made a 20,000-character WARN line (a 16 MiB field, a 16 MiB line).
     */
    @Example
    void aHugeFieldIsQuotedShortInTheReason() {
        String huge = "\u00ff".repeat(10_000);
        List<String> frames = List.of(
                "7|8|265598|AAPL|STK||0.0|" + huge + "||NASDAQ|USD|AAPL|NMS|-110|201.5|-22165|201.88|41.9|0|DU1|",
                "61|3|DU9000001|265598|" + huge + "|STK||0.0|||NASDAQ|USD|AAPL|NMS|10|201.88|",
                "88|31|0." + "9".repeat(10_000) + "|",
                "10|42|AAPL|" + huge + "|");
        for (String text : frames) {
            for (int version : new int[] {ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED}) {
                Routed routed = ROUTER.route(version, wire(text));
                assertTrue(routed instanceof Routed.Failed, text.substring(0, 12) + " decoded: " + routed);
                String reason = ((Routed.Failed) routed).error();
                assertTrue(reason.length() <= FuzzCampaign.MAX_REASON, "a reason of " + reason.length() + " chars");
            }
        }
    }

    @Provide
    Arbitrary<String> sizeSpellings() {
        Arbitrary<String> mantissa = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> fraction = Arbitraries.strings().withChars("0123456789").ofMaxLength(10).map(f -> "." + f);
        Arbitrary<String> point = Arbitraries.oneOf(Arbitraries.of("", ".0"), fraction);
        return Combinators.combine(Arbitraries.of("", "-"), mantissa, point,
                Arbitraries.of("E", "e", "E+", "e-"), Arbitraries.integers().between(0, Integer.MAX_VALUE))
                .as((sign, digits, fractionPart, e, exponent) -> sign + digits + fractionPart + e + exponent);
    }

    @Provide
    Arbitrary<byte[]> noise() {
        return Mutations.noise(2000);
    }

    @Provide
    Arbitrary<byte[]> randomFields() {
        return Mutations.randomFieldsAfterInboundId();
    }

    @Provide
    Arbitrary<Mutant> mutatedServerFrames() {
        return Mutations.mutants(SEEDS.stream().map(s -> new Labeled(s.label(), s.payload()))
                .collect(Collectors.toList())).withoutEdgeCases();
    }

    private static Optional<BigDecimal> size(RequestEvent event) {
        if (event instanceof MarketDataEvent.Size s) {
            return Optional.of(s.size());
        }
        return event instanceof MarketDataEvent.Price p ? p.size() : Optional.empty();
    }

    /** An upper bound of the length of {@code toPlainString()}, computed without building it. */
    private static long plainLength(BigDecimal value) {
        if (value.signum() == 0) {
            return 2L + Math.max(0, value.scale()); // zero prints no exponent's worth of zeros: "0", "0.000"
        }
        return 2L + value.precision() + Math.abs((long) value.scale());
    }

    private static byte[] wire(String text) {
        return text.replace('|', '\0').getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void routesAtEveryVersion(byte[] payload) {
        for (int version = ServerVersion.MIN_SUPPORTED; version <= ServerVersion.MAX_SUPPORTED; version++) {
            Routed routed;
            try {
                routed = ROUTER.route(version, payload);
            } catch (Throwable e) { // the property under test: nothing escapes route()
                throw new AssertionError("route(" + version + ", ...) threw " + e, e);
            }
            assertNotNull(routed, "route(" + version + ", ...) returned null");
            if (routed instanceof Routed.Failed failed) {
                assertFalse(failed.error() == null || failed.error().isBlank(), "Failed without a reason: " + failed);
                assertTrue(failed.error().length() <= FuzzCampaign.MAX_REASON,
                        "a reason of " + failed.error().length() + " characters");
            }
        }
    }
}
