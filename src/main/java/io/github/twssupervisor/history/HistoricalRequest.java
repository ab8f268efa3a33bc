package io.github.twssupervisor.history;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.wire.Frames;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a reqHistoricalData asks for (TWS-WIRE.md §5.10), checked as TWS checks it; every message names the field and
 * lists what it allows.
 *
 * @param contract     the instrument
 * @param endDateTime  {@code ""} for now, {@code yyyyMMdd HH:mm:ss <zone>} or UTC {@code yyyyMMdd-HH:mm:ss}
 * @param duration     how far back: a number, a space and one of S, D, W, M, Y ({@code "1 D"})
 * @param barSize      one of {@link #BAR_SIZES} ({@code "1 hour"})
 * @param whatToShow   one of {@link #WHAT_TO_SHOW}
 * @param useRth       only regular trading hours
 * @param formatDate   1: bar times as {@code yyyyMMdd HH:mm:ss <zone>}, 2: epoch seconds
 * @param keepUpToDate stream the forming bar after the initial bars; only with endDateTime {@code ""} and
 *                     TRADES, MIDPOINT, BID or ASK
 */
public record HistoricalRequest(Contract contract, String endDateTime, String duration, String barSize,
                                String whatToShow, boolean useRth, int formatDate, boolean keepUpToDate) {

    /** TWS's bar sizes, shortest first. */
    public static final List<String> BAR_SIZES = List.of("1 secs", "5 secs", "10 secs", "15 secs", "30 secs", "1 min",
            "2 mins", "3 mins", "5 mins", "10 mins", "15 mins", "20 mins", "30 mins", "1 hour", "2 hours", "3 hours",
            "4 hours", "8 hours", "1 day", "1 week", "1 month");
    /** TWS's kinds of historical data. */
    public static final List<String> WHAT_TO_SHOW = List.of("TRADES", "MIDPOINT", "BID", "ASK", "BID_ASK",
            "HISTORICAL_VOLATILITY", "OPTION_IMPLIED_VOLATILITY", "ADJUSTED_LAST");
    /** The kinds keepUpToDate may stream. */
    public static final List<String> KEEP_UP_TO_DATE = List.of("TRADES", "MIDPOINT", "BID", "ASK");
    /** The units of a duration, as TWS spells them. */
    public static final List<String> DURATION_UNITS = List.of("S (seconds)", "D (days)", "W (weeks)", "M (months)",
            "Y (years)");
    /** A duration: a number of seconds, days, weeks, months or years. */
    public static final Pattern DURATION = Pattern.compile("\\d+ [SDWMY]");

    /**
     * Checks the request.
     *
     * @throws IllegalArgumentException naming the field and what it allows
     */
    public HistoricalRequest {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(endDateTime, "endDateTime");
        if (duration == null || !DURATION.matcher(duration).matches() || duration.startsWith("0")) {
            throw new IllegalArgumentException("duration '" + Frames.abbreviate(String.valueOf(duration))
                    + "' must be a whole number above 0, a space and one of " + DURATION_UNITS
                    + " (e.g. '1 D', '3600 S')");
        }
        if (!BAR_SIZES.contains(barSize)) {
            throw new IllegalArgumentException("barSize '" + Frames.abbreviate(String.valueOf(barSize))
                    + "' must be one of " + BAR_SIZES + nearest(barSize));
        }
        if (!WHAT_TO_SHOW.contains(whatToShow)) {
            throw new IllegalArgumentException("whatToShow '" + Frames.abbreviate(String.valueOf(whatToShow))
                    + "' must be one of " + WHAT_TO_SHOW);
        }
        if (formatDate != 1 && formatDate != 2) {
            throw new IllegalArgumentException("formatDate " + formatDate + " must be 1 (yyyyMMdd HH:mm:ss zone) or 2 "
                    + "(epoch seconds)");
        }
        if (keepUpToDate && !endDateTime.isEmpty()) {
            throw new IllegalArgumentException("keepUpToDate requires endDateTime '' (now), not '"
                    + Frames.abbreviate(endDateTime) + "'");
        }
        if (keepUpToDate && !KEEP_UP_TO_DATE.contains(whatToShow)) {
            throw new IllegalArgumentException("keepUpToDate requires whatToShow one of " + KEEP_UP_TO_DATE + ", not "
                    + whatToShow);
        }
    }

    /**
     * @param contract   the instrument
     * @param duration   how far back
     * @param barSize    the bar size
     * @param whatToShow the kind of data
     * @return bars up to now, regular trading hours only, times as text, no updates
     */
    public static HistoricalRequest upToNow(Contract contract, String duration, String barSize, String whatToShow) {
        return new HistoricalRequest(contract, "", duration, barSize, whatToShow, true, 1, false);
    }

    /** @return {@code " (did you mean '5 mins'?)"} for a bar size TWS spells differently, else empty */
    private static String nearest(String barSize) {
        String wanted = barSize == null ? "" : normal(barSize);
        return BAR_SIZES.stream().filter(b -> normal(b).equals(wanted)).findFirst()
                .map(b -> " (did you mean '" + b + "'?)").orElse("");
    }

    private static String normal(String barSize) {
        String s = barSize.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        return s.replaceAll("(sec|min|hour|day|week|month)[a-z]*$", "$1");
    }

    /**
     * @param newDuration another duration
     * @return the same request over that duration (a follower's catch-up after a gap)
     */
    HistoricalRequest withDuration(String newDuration) {
        return new HistoricalRequest(contract, endDateTime, newDuration, barSize, whatToShow, useRth, formatDate,
                keepUpToDate);
    }

    /** @return what makes two requests identical for TWS's 15-second rule */
    String identityKey() {
        return contract + "|" + endDateTime + "|" + duration + "|" + barSize + "|" + whatToShow + "|" + useRth;
    }

    /** @return the contract, exchange and tick type of TWS's same-contract rule */
    String contractKey() {
        return contract.conId() + "|" + contract.symbol() + "|" + contract.secType() + "|" + contract.exchange() + "|"
                + whatToShow;
    }

    /** @return true for BID_ASK, which counts twice */
    boolean isBidAsk() {
        return "BID_ASK".equals(whatToShow);
    }

    /** @return {@code AAPL 1 D of 1 hour TRADES}, for log lines */
    String describe() {
        return contract.displayName() + " " + duration + " of " + barSize + " " + whatToShow;
    }
}
