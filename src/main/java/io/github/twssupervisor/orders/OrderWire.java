package io.github.twssupervisor.orders;

import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.WireFormatException;
import java.math.BigDecimal;
import java.util.OptionalDouble;

/**
 * The pieces the order messages share: optional prices and quantities, the action, and the variable-length blocks the
 * decoders skip. The contract block of openOrder, completedOrder and execDetails is
 * {@link io.github.twssupervisor.contract.ContractCodec#readReported}'s.
 *
 * <pre>
 * condition type|conjunction|...   price 1: isMore|value|conId|exchange|triggerMethod   time 3, margin 4: isMore|value
 *           execution 5: secType|exchange|symbol   volume 6, percent change 7: isMore|value|conId|exchange
 * </pre>
 */
final class OrderWire {

    private static final int PRICE_CONDITION = 1;
    private static final int TIME_CONDITION = 3;
    private static final int MARGIN_CONDITION = 4;
    private static final int EXECUTION_CONDITION = 5;
    private static final int VOLUME_CONDITION = 6;
    private static final int PERCENT_CHANGE_CONDITION = 7;

    private OrderWire() {
    }

    /** @return the next field as a price; empty and the max-double sentinel (either spelling) are no price */
    static OptionalDouble readPrice(FieldReader reader) {
        double value = reader.readDoubleOrUnset();
        return value == Double.MAX_VALUE ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** Writes a price, or an empty field for none. */
    static void writePrice(FieldWriter writer, OptionalDouble price) {
        if (price.isPresent()) {
            writer.writeDouble(price.getAsDouble());
        } else {
            writer.writeEmpty();
        }
    }

    /** @return the next field as a quantity; every "unset" spelling reads as 0 */
    static BigDecimal readQuantity(FieldReader reader) {
        return reader.readDecimal().orElse(BigDecimal.ZERO);
    }

    /**
     * @param text TWS's action; {@code SSHORT} (a short sale, institutional accounts) is a sell, {@code SLONG} a buy
     * @return the action
     */
    static OrderAction action(String text) {
        switch (text) {
            case "BUY":
            case "SLONG":
                return OrderAction.BUY;
            case "SELL":
            case "SSHORT":
                return OrderAction.SELL;
            default:
                throw new WireFormatException("order action '" + text + "' is not BUY or SELL");
        }
    }

    /** Skips {@code count} blocks of {@code width} fields; a negative count (nonsense) skips none, as TWS's own. */
    static void skipBlocks(FieldReader reader, int count, int width) {
        for (int i = 0; i < count; i++) {
            reader.skipping(width);
        }
    }

    /**
     * Skips the order conditions block as the official decoder reads it: count, then each condition, then
     * conditionsIgnoreRth and conditionsCancelOrder when there was at least one.
     */
    static void skipConditions(FieldReader reader) {
        int count = reader.readInt();
        for (int i = 0; i < count; i++) {
            int type = reader.readInt();
            reader.skip(); // conjunction
            switch (type) {
                case PRICE_CONDITION:
                    reader.skipping(5);
                    break;
                case TIME_CONDITION:
                case MARGIN_CONDITION:
                    reader.skipping(2);
                    break;
                case EXECUTION_CONDITION:
                    reader.skipping(3);
                    break;
                case VOLUME_CONDITION:
                case PERCENT_CHANGE_CONDITION:
                    reader.skipping(4);
                    break;
                default:
                    throw new WireFormatException("order condition type " + type + " is unknown");
            }
        }
        if (count > 0) {
            reader.skipping(2);
        }
    }

    /** Skips the algo block: strategy, then, if there is one, a count of tag/value pairs. */
    static void skipAlgo(FieldReader reader) {
        if (!reader.readString().isEmpty()) {
            skipBlocks(reader, reader.readInt(), 2);
        }
    }

    /** Skips scalePriceIncrement and, when it is set and positive, the 7 scale fields after it. */
    static void skipScalePriceIncrement(FieldReader reader) {
        double increment = reader.readDoubleOrUnset();
        if (increment != Double.MAX_VALUE && increment > 0) {
            reader.skipping(7);
        }
    }

    /** @return true for the pegged-to-benchmark types, whose orders carry 5 more fields */
    static boolean isPegBench(String orderType) {
        return "PEG BENCH".equals(orderType) || "PEGBENCH".equals(orderType);
    }
}
