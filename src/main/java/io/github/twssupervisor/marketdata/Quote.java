package io.github.twssupervisor.marketdata;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A snapshot of one contract: the last value of each field that TWS sent.
 *
 * @param prices prices by field (BID, ASK, LAST, HIGH, LOW, CLOSE, OPEN, and their delayed forms)
 * @param sizes  sizes by field (BID_SIZE, ASK_SIZE, LAST_SIZE, VOLUME, ...)
 * @param texts  text values by field (LAST_TIMESTAMP, ...)
 */
public record Quote(Map<TickType, Double> prices, Map<TickType, BigDecimal> sizes, Map<TickType, String> texts) {

    /** Copies the maps. */
    public Quote {
        prices = Map.copyOf(prices);
        sizes = Map.copyOf(sizes);
        texts = Map.copyOf(texts);
    }

    /** @return a quote with no values */
    public static Quote empty() {
        return new Quote(Map.of(), Map.of(), Map.of());
    }

    /**
     * @param event one more event
     * @return the quote with its value; sizes that come with bid/ask/last prices are kept as those sizes
     */
    public Quote with(MarketDataEvent event) {
        if (event instanceof MarketDataEvent.Price p) {
            Map<TickType, Double> newPrices = new EnumMap<>(TickType.class);
            newPrices.putAll(prices);
            newPrices.put(p.field(), p.price());
            Map<TickType, BigDecimal> newSizes = sizes;
            Optional<TickType> sizeField = sizeFieldOf(p.field());
            if (p.size().isPresent() && sizeField.isPresent()) {
                newSizes = new EnumMap<>(TickType.class);
                newSizes.putAll(sizes);
                newSizes.put(sizeField.get(), p.size().get());
            }
            return new Quote(newPrices, newSizes, texts);
        }
        if (event instanceof MarketDataEvent.Size s) {
            Map<TickType, BigDecimal> newSizes = new EnumMap<>(TickType.class);
            newSizes.putAll(sizes);
            newSizes.put(s.field(), s.size());
            return new Quote(prices, newSizes, texts);
        }
        if (event instanceof MarketDataEvent.Text t) {
            Map<TickType, String> newTexts = new EnumMap<>(TickType.class);
            newTexts.putAll(texts);
            newTexts.put(t.field(), t.value());
            return new Quote(prices, sizes, newTexts);
        }
        return this;
    }

    /** @return the bid (or delayed bid), if any */
    public OptionalDouble bid() {
        return price(TickType.BID, TickType.DELAYED_BID);
    }

    /** @return the ask (or delayed ask), if any */
    public OptionalDouble ask() {
        return price(TickType.ASK, TickType.DELAYED_ASK);
    }

    /** @return the last trade price (or delayed last), if any */
    public OptionalDouble last() {
        return price(TickType.LAST, TickType.DELAYED_LAST);
    }

    /** @return the day's volume (or delayed volume), if any */
    public Optional<BigDecimal> volume() {
        return Optional.ofNullable(sizes.getOrDefault(TickType.VOLUME, sizes.get(TickType.DELAYED_VOLUME)));
    }

    private OptionalDouble price(TickType live, TickType delayed) {
        Double value = prices.getOrDefault(live, prices.get(delayed));
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** The official decoders' rule: the size in a bid/ask/last price is the bid/ask/last size (TWS-WIRE.md §5.6). */
    static Optional<TickType> sizeFieldOf(TickType priceField) {
        switch (priceField) {
            case BID:
                return Optional.of(TickType.BID_SIZE);
            case ASK:
                return Optional.of(TickType.ASK_SIZE);
            case LAST:
                return Optional.of(TickType.LAST_SIZE);
            case DELAYED_BID:
                return Optional.of(TickType.DELAYED_BID_SIZE);
            case DELAYED_ASK:
                return Optional.of(TickType.DELAYED_ASK_SIZE);
            case DELAYED_LAST:
                return Optional.of(TickType.DELAYED_LAST_SIZE);
            default:
                return Optional.empty();
        }
    }
}
