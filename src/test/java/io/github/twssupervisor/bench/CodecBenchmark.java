package io.github.twssupervisor.bench;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.dispatch.InboundRouter;
import io.github.twssupervisor.dispatch.Routed;
import io.github.twssupervisor.marketdata.MarketDataCodec;
import io.github.twssupervisor.marketdata.TickType;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.WireLimits;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec half of issues 6 and 12: decoded tick frames per second on one core (goals: tickPrice 10 million, the
 * others 5 million) and encoded reqMktData requests per second, each per thread. Decoding goes through the path the client takes for every inbound frame,
 * {@link InboundRouter#route(int, byte[])}: message id, decode, routing result. The payloads are what the simulator
 * sends, made by its own encoders, so they are byte for byte what TWS sends.
 *
 * <p>Run with the other benchmarks' harness, {@code mvn -B -Pbench verify -Dbench=codec}, or, after
 * {@code mvn test-compile} and {@code mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt
 * -Dmdep.includeScope=test}, on its own: {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * org.openjdk.jmh.Main CodecBenchmark}. Warmup and measurement are short so that the class runs in about a minute and
 * a half; JMH's {@code -wi}, {@code -i} and {@code -f} options lengthen them for a careful run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBenchmark {

    /** The lowest version the client negotiates, as in the golden captures. */
    private static final int SERVER_VERSION = ServerVersion.MIN_SUPPORTED;
    private static final int REQ_ID = 1001;
    /** A power of two, so that the cycle index is a mask; large enough that branch prediction cannot learn it. */
    private static final int MIXED_FRAMES = 64;

    /** The client's router, with the market data decoder registered as the client registers it. */
    private InboundRouter router;
    /** The market data decoder alone, for the decode cost without the message id and the routing. */
    private MarketDataCodec codec;
    /** tickPrice: bid 187.23 with size 300, attribute bit 1 (can auto-execute). */
    private byte[] tickPrice;
    /** tickSize: bid size 2500. */
    private byte[] tickSize;
    /** tickString: a last timestamp, the most frequent tickString. */
    private byte[] tickString;
    /** A cycle of tickPrice, tickSize and tickString payloads for stocks, forex and futures. */
    private byte[][] mixed;
    /** Where the next {@link #decodeMixed()} starts in {@link #mixed}. */
    private int next;
    /** AAPL on SMART with its primary exchange, as the golden request script asks for it. */
    private Contract stock;

    @Setup
    public void setUp() {
        codec = new MarketDataCodec();
        router = new InboundRouter(List.<DomainDecoder>of(codec));
        tickPrice = payload(MarketDataCodec.tickPrice(REQ_ID, TickType.BID, 187.23, new BigDecimal("300"), 1));
        tickSize = payload(MarketDataCodec.tickSize(REQ_ID, TickType.BID_SIZE, new BigDecimal("2500")));
        tickString = payload(MarketDataCodec.tickString(REQ_ID, TickType.LAST_TIMESTAMP, "1775174157"));
        mixed = mixedTicks();
        stock = Contract.stock("AAPL").withPrimaryExchange("NASDAQ");
    }

    /** @return a tickPrice routed to its owner */
    @Benchmark
    public Routed decodeTickPrice() {
        return router.route(SERVER_VERSION, tickPrice);
    }

    /** @return a tickSize routed to its owner */
    @Benchmark
    public Routed decodeTickSize() {
        return router.route(SERVER_VERSION, tickSize);
    }

    /** @return a tickString routed to its owner */
    @Benchmark
    public Routed decodeTickString() {
        return router.route(SERVER_VERSION, tickString);
    }

    /** @return a tickPrice decoded by the market data codec alone, past its message id */
    @Benchmark
    public DomainDecoder.Addressed decodeTickPriceCodecOnly() {
        FieldReader reader = new FieldReader(tickPrice);
        reader.skip();
        return codec.decode(SERVER_VERSION, IncomingMessageId.TICK_PRICE, reader);
    }

    /** @return the next frame of the mixed cycle, routed */
    @Benchmark
    public Routed decodeMixed() {
        byte[] payload = mixed[next];
        next = (next + 1) & (MIXED_FRAMES - 1);
        return router.route(SERVER_VERSION, payload);
    }

    /** @return a reqMktData frame for a stock, as the client sends it */
    @Benchmark
    public byte[] encodeReqMktData() {
        return MarketDataCodec.reqMktData(SERVER_VERSION, REQ_ID, stock, "", false, false);
    }

    /**
     * What a session with a few instruments looks like: prices of several magnitudes and precisions, whole and
     * fractional sizes, timestamps and RT_VOLUME strings, in a fixed order.
     */
    private static byte[][] mixedTicks() {
        double[] prices = {187.23, 1.08455, 5123.25, 0.6521, 42.5, 150.0, 19.875, 3.1};
        BigDecimal[] sizes = {new BigDecimal("100"), new BigDecimal("2500"), new BigDecimal("0.5"),
            new BigDecimal("1"), new BigDecimal("12"), new BigDecimal("300"), new BigDecimal("1000000"),
            new BigDecimal("7.25")};
        TickType[] priceTypes = {TickType.BID, TickType.ASK, TickType.LAST};
        TickType[] sizeTypes = {TickType.BID_SIZE, TickType.ASK_SIZE, TickType.LAST_SIZE, TickType.VOLUME};
        byte[][] frames = new byte[MIXED_FRAMES][];
        for (int i = 0; i < MIXED_FRAMES; i++) {
            int reqId = REQ_ID + i % 5;
            // Stepped in decimal, so each price has the few digits a quote has (a double sum would add noise digits).
            double price = BigDecimal.valueOf(prices[i % prices.length]).add(BigDecimal.valueOf(i / prices.length, 2))
                    .doubleValue();
            BigDecimal size = sizes[(i * 3) % sizes.length];
            switch (i % 4) {
                case 0:
                case 1:
                    frames[i] = MarketDataCodec.tickPrice(reqId, priceTypes[i % priceTypes.length], price, size,
                            i % 2);
                    break;
                case 2:
                    frames[i] = MarketDataCodec.tickSize(reqId, sizeTypes[i % sizeTypes.length], size);
                    break;
                default:
                    String text = i % 8 == 3 ? String.valueOf(1775174157L + i)
                            : price + ";" + size.toPlainString() + ";1775174157" + i + ";23874;" + price + ";true";
                    frames[i] = MarketDataCodec.tickString(reqId, i % 8 == 3 ? TickType.LAST_TIMESTAMP
                            : TickType.RT_VOLUME, text);
                    break;
            }
            frames[i] = payload(frames[i]);
        }
        return frames;
    }

    /** The encoders make whole frames; the router is handed payloads, the framing stage having cut the prefix. */
    private static byte[] payload(byte[] frame) {
        return Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length);
    }
}
