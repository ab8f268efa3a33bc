package io.github.twssupervisor.simulator;

import io.github.twssupervisor.contracts.SecType;
import io.github.twssupervisor.history.Bar;
import io.github.twssupervisor.history.HistoricalRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The bars of one reqHistoricalData, made deterministically from a {@link PriceWalk}.
 *
 * <pre>
 * walk seed   = mix(simulator seed, conId)      the same for every client: history is shared, unlike live quotes
 * bar count   = ceil(duration / bar size), at most {@value #MAX_BARS} (more is error 321)
 * bar times   = the last bar holds the second before the end time, its start rounded down to the bar size (epoch-aligned; days, weeks and
 *               months at midnight of the listing's zone), the others one bar size apart before it
 * bar prices  = the walk stepped {@value #STEPS_PER_BAR} times per bar, oldest bar first: TRADES and ADJUSTED_LAST
 *               from the last trades (volume, wap and count too), MIDPOINT/BID/ASK from the quote (volume, wap and
 *               count -1, as TWS writes them), BID_ASK as TWS (open = mean bid, high = max ask, low = min bid,
 *               close = mean ask), the volatilities as the bar's relative range
 * </pre>
 *
 * So the same seed and the same request give the same prices; the times also need the same end (an explicit
 * endDateTime, or "now" within the same bar). Regular trading hours are not modelled: bars run round the clock.
 * Plain Java for one owner, not thread-safe: {@link #update} goes on walking after {@link #initial}.
 */
final class HistoricalBars {

    /** The most bars one request may ask for. */
    static final int MAX_BARS = 10_000;
    private static final int STEPS_PER_BAR = 4;
    private static final long DAY = 86_400;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd HH:mm:ss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss");

    private final Instrument instrument;
    private final HistoricalRequest request;
    private final ZoneId zone;
    private final PriceWalk walk;
    private final long barSeconds;
    private final long count;
    private final long lastStart;
    private final Instant end;
    private long round;
    private long formingStart;
    private Bar forming;

    /**
     * @param instrument the requested instrument
     * @param seed       the simulator's seed
     * @param request    the request
     * @param now        the simulator's time, the end when the request names none
     * @throws IllegalArgumentException for an endDateTime TWS would not read, or too many bars
     */
    HistoricalBars(Instrument instrument, long seed, HistoricalRequest request, Instant now) {
        this.instrument = instrument;
        this.request = request;
        this.zone = ZoneId.of(instrument.secType() == SecType.FUT ? "US/Central" : "US/Eastern");
        this.walk = new PriceWalk(instrument, seed * 0x9E3779B97F4A7C15L + instrument.conId() * 0x94D049BB133111EBL);
        this.barSeconds = seconds(request.barSize());
        long duration = seconds(request.duration());
        this.count = Math.max(1, (duration + barSeconds - 1) / barSeconds);
        if (count > MAX_BARS) {
            throw new IllegalArgumentException("duration " + request.duration() + " with bar size "
                    + request.barSize() + " is " + count + " bars, more than " + MAX_BARS);
        }
        this.end = request.endDateTime().isEmpty() ? now : parseEnd(request.endDateTime(), zone);
        this.lastStart = barStart(end.getEpochSecond() - 1); // the bars cover [end - count bars, end)
    }

    /** @return every bar of the request, oldest first; the last is the forming bar */
    List<Bar> initial() {
        List<Bar> bars = new ArrayList<>();
        for (long i = count - 1; i >= 0; i--) {
            formingStart = lastStart - i * barSeconds;
            forming = null;
            for (int s = 0; s < STEPS_PER_BAR; s++) {
                step();
            }
            bars.add(shown());
        }
        return bars;
    }

    /**
     * @param now the simulator's time
     * @return the forming bar one walk step later; a new bar when {@code now} is past the forming one
     */
    Bar update(Instant now) {
        long start = barStart(now.getEpochSecond());
        if (start > formingStart) {
            formingStart = start;
            forming = null;
        }
        step();
        return shown();
    }

    /** @return the range start as historicalData writes it */
    String rangeStart() {
        return TIME.format(Instant.ofEpochSecond(lastStart - (count - 1) * barSeconds).atZone(zone));
    }

    /** @return the range end as historicalData writes it */
    String rangeEnd() {
        return TIME.format(end.atZone(zone));
    }

    private void step() {
        long before = walk.volumeLots();
        walk.stepFor(round++);
        double price = switch (request.whatToShow()) {
            case "MIDPOINT" -> (instrument.price(walk.bid()) + instrument.price(walk.ask())) / 2;
            case "BID", "BID_ASK" -> instrument.price(walk.bid());
            case "ASK" -> instrument.price(walk.ask());
            default -> instrument.price(walk.last());
        };
        double high = "BID_ASK".equals(request.whatToShow()) ? instrument.price(walk.ask()) : price;
        long lots = walk.volumeLots() - before;
        if (forming == null) {
            forming = new Bar(time(formingStart), price, high, price, price, BigDecimal.ZERO, BigDecimal.ZERO, 0);
        }
        BigDecimal volume = forming.volume().add(instrument.size(lots));
        BigDecimal wap = volume.signum() == 0 ? BigDecimal.valueOf(price) : forming.wap().multiply(forming.volume())
                .add(BigDecimal.valueOf(price).multiply(instrument.size(lots))).divide(volume, 4, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        forming = new Bar(forming.time(), forming.open(), Math.max(forming.high(), high), Math.min(forming.low(), price),
                price, volume, wap, forming.count() + (lots > 0 ? 1 : 0));
    }

    /** @return the forming bar as the request's kind shows it */
    private Bar shown() {
        String kind = request.whatToShow();
        return kind.equals("TRADES") || kind.equals("ADJUSTED_LAST") ? forming : derived(forming);
    }

    /** The bar as a kind without trades shows it. */
    private Bar derived(Bar b) {
        BigDecimal none = BigDecimal.ONE.negate();
        return switch (request.whatToShow()) {
            case "HISTORICAL_VOLATILITY", "OPTION_IMPLIED_VOLATILITY" -> {
                double v = (b.high() - b.low()) / b.close();
                yield new Bar(b.time(), v, v, v, v, none, none, -1);
            }
            default -> new Bar(b.time(), b.open(), b.high(), b.low(), b.close(), none, none, -1);
        };
    }

    private String time(long epochSecond) {
        if (request.formatDate() == 2) {
            return Long.toString(epochSecond);
        }
        ZonedDateTime t = Instant.ofEpochSecond(epochSecond).atZone(zone);
        return barSeconds >= DAY ? DATE.format(t) : TIME.format(t) + " " + zone.getId();
    }

    private long barStart(long epochSecond) {
        if (barSeconds < DAY) {
            return Math.floorDiv(epochSecond, barSeconds) * barSeconds;
        }
        return Instant.ofEpochSecond(epochSecond).atZone(zone).toLocalDate().atStartOfDay(zone).toEpochSecond();
    }

    /** @return the seconds of a duration ({@code "2 D"}) or a bar size ({@code "5 mins"}); a month is 30 days */
    static long seconds(String amount) {
        String[] parts = amount.split(" ");
        long n = Long.parseLong(parts[0]);
        String unit = parts[1];
        long per = unit.startsWith("sec") || unit.equals("S") ? 1 : unit.startsWith("min") ? 60
                : unit.startsWith("hour") ? 3_600 : unit.startsWith("day") || unit.equals("D") ? DAY
                : unit.startsWith("week") || unit.equals("W") ? 7 * DAY
                : unit.startsWith("month") || unit.equals("M") ? 30 * DAY : 365 * DAY;
        return n * per;
    }

    /** {@code yyyyMMdd HH:mm:ss [zone]} (no zone: the listing's) or UTC {@code yyyyMMdd-HH:mm:ss}. */
    private static Instant parseEnd(String text, ZoneId listing) {
        try {
            if (text.length() > 8 && text.charAt(8) == '-') {
                return LocalDateTime.parse(text, UTC).toInstant(ZoneOffset.UTC);
            }
            ZoneId zone = text.length() > 18 ? ZoneId.of(text.substring(18).trim()) : listing;
            return LocalDateTime.parse(text.substring(0, Math.min(17, text.length())), TIME).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("endDateTime '" + text + "' must be empty (now), 'yyyyMMdd HH:mm:ss "
                    + "zone' or 'yyyyMMdd-HH:mm:ss' (UTC)");
        }
    }
}
