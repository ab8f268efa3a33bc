package io.github.twssupervisor.orders;

import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.WireFormatException;
import io.github.twssupervisor.wire.ServerVersion;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The pieces the order messages share: optional prices and quantities, the action, the terms that follow them, and the
 * variable-length blocks the decoders skip (as the official decoder's shared {@code EOrderDecoder} reads them for
 * openOrder and completedOrder, and a server for placeOrder). The contract block of openOrder, completedOrder and
 * execDetails is {@link io.github.twssupervisor.contracts.ContractCodec#readReported}'s.
 *
 * <pre>
 * terms     orderType|lmtPrice|auxPrice|tif|ocaGroup|account|openClose|origin|orderRef|
 * combos    comboLegCount [+8 each]|orderComboLegCount [+1 each]|smartComboRoutingParamsCount [+2 each]|
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

    /** An int field TWS leaves unset, as TWS and the official client write it. */
    static final String UNSET_INT = String.valueOf(Integer.MAX_VALUE);

    /** faProfile, written empty, which sv 177 removed from the fa fields of every order message. */
    static final VersionedFields FA_PROFILE = VersionedFields.none().before(ServerVersion.FA_PROFILE_DESUPPORT, "");

    private OrderWire() {
    }

    /**
     * Fields that some server versions add to an order message, each with the text TWS (or the official client) writes
     * when it has no value. One declaration tells the reader how many to skip and the writer what to write, so the two
     * cannot drift apart. Immutable.
     */
    static final class VersionedFields {

        private record Field(int since, int until, List<String> values) {
        }

        private final List<Field> fields;

        private VersionedFields(List<Field> fields) {
            this.fields = List.copyOf(fields);
        }

        /** @return no fields, to add to */
        static VersionedFields none() {
            return new VersionedFields(List.of());
        }

        /** @return these fields and {@code values}, present from server version {@code version} on */
        VersionedFields since(int version, String... values) {
            return between(version, Integer.MAX_VALUE, values);
        }

        /** @return these fields and {@code values}, present below server version {@code version} */
        VersionedFields before(int version, String... values) {
            return between(0, version, values);
        }

        /** @return these fields and {@code values}, present from {@code since} and below {@code until} */
        VersionedFields between(int since, int until, String... values) {
            List<Field> more = new ArrayList<>(fields);
            more.add(new Field(since, until, List.of(values)));
            return new VersionedFields(more);
        }

        /** @return how many fields the version has */
        int count(int serverVersion) {
            int count = 0;
            for (Field f : fields) {
                count += present(f, serverVersion) ? f.values().size() : 0;
            }
            return count;
        }

        /** Writes the fields the version has. */
        void write(int serverVersion, FieldWriter w) {
            for (Field f : fields) {
                if (present(f, serverVersion)) {
                    f.values().forEach(w::writeString);
                }
            }
        }

        private static boolean present(Field f, int serverVersion) {
            return serverVersion >= f.since() && serverVersion < f.until();
        }
    }

    /**
     * The terms after action and totalQuantity, the same in every order message (openClose and origin skipped).
     *
     * @param orderType TWS's type name
     * @param limit     the limit price, if any
     * @param aux       the stop price or trailing amount, if any
     * @param tif       the time in force as written
     * @param ocaGroup  the one-cancels-all group, or empty
     * @param account   the account, or empty
     * @param orderRef  the placer's reference
     */
    record Terms(String orderType, OptionalDouble limit, OptionalDouble aux, String tif, String ocaGroup,
                 String account, String orderRef) {
    }

    /** @return the terms, from orderType to orderRef */
    static Terms readTerms(FieldReader r) {
        String orderType = r.readString();
        OptionalDouble limit = readPrice(r);
        OptionalDouble aux = readPrice(r);
        String tif = r.readString();
        String ocaGroup = r.readString();
        String account = r.readString();
        r.skipping(2); // openClose, origin
        return new Terms(orderType, limit, aux, tif, ocaGroup, account, r.readString());
    }

    /** Writes the terms, with openClose empty and origin 0 (customer), as TWS and the official client do. */
    static void writeTerms(FieldWriter w, Terms t) {
        w.writeString(t.orderType());
        writePrice(w, t.limit());
        writePrice(w, t.aux());
        w.writeString(t.tif()).writeString(t.ocaGroup()).writeString(t.account()).writeEmpty().writeInt(0)
                .writeString(t.orderRef());
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
                throw new WireFormatException("order action '" + Frames.abbreviate(text) + "' is not BUY or SELL");
        }
    }

    /** Skips {@code count} blocks of {@code width} fields; a negative count (nonsense) skips none, as TWS's own. */
    static void skipBlocks(FieldReader reader, int count, int width) {
        for (int i = 0; i < count; i++) {
            reader.skipping(width);
        }
    }

    /**
     * Skips deltaNeutralOrderType, deltaNeutralAuxPrice and, when the type is set, the fields after them.
     *
     * @param whenSet how many: 8 in openOrder and placeOrder, 4 in completedOrder
     */
    static void skipDeltaNeutral(FieldReader reader, int whenSet) {
        boolean set = !reader.readString().isEmpty();
        reader.skip(); // deltaNeutralAuxPrice
        if (set) {
            reader.skipping(whenSet);
        }
    }

    /** Skips the three combo lists: legs, leg prices and smart combo routing params. */
    static void skipCombos(FieldReader reader) {
        skipBlocks(reader, reader.readInt(), 8);
        skipBlocks(reader, reader.readInt(), 1);
        skipBlocks(reader, reader.readInt(), 2);
    }

    /** Skips hedgeType and, when it is set, hedgeParam. */
    static void skipHedge(FieldReader reader) {
        if (!reader.readString().isEmpty()) {
            reader.skip();
        }
    }

    /** Skips the delta-neutral contract flag and, when it is set, its conId, delta and price. */
    static void skipDeltaNeutralContract(FieldReader reader) {
        if (reader.readBool()) {
            reader.skipping(3);
        }
    }

    /** Skips the 5 pegged-to-benchmark fields of a PEG BENCH order, then the order conditions. */
    static void skipPegBenchAndConditions(FieldReader reader, String orderType) {
        if (isPegBench(orderType)) {
            reader.skipping(5);
        }
        skipConditions(reader);
    }

    /**
     * Skips the order conditions block as the official decoder reads it: count, then each condition, then
     * conditionsIgnoreRth and conditionsCancelOrder when there was at least one.
     */
    private static void skipConditions(FieldReader reader) {
        int count = reader.readInt();
        for (int i = 0; i < count; i++) {
            int type = reader.readInt();
            reader.skip(); // conjunction
            reader.skipping(switch (type) {
                case PRICE_CONDITION -> 5;
                case TIME_CONDITION, MARGIN_CONDITION -> 2;
                case EXECUTION_CONDITION -> 3;
                case VOLUME_CONDITION, PERCENT_CHANGE_CONDITION -> 4;
                default -> throw new WireFormatException("order condition type " + type + " is unknown");
            });
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
    private static boolean isPegBench(String orderType) {
        return "PEG BENCH".equals(orderType) || "PEGBENCH".equals(orderType);
    }
}
