package io.github.twssupervisor.orders;

import io.github.twssupervisor.wire.Frames;
import java.math.BigDecimal;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * An order as this library places it (TWS-WIRE.md §5.11): the fields a trading service sets, validated when the record
 * is built, so an invalid order is refused before anything is sent, with a message naming the field. The order id is
 * not part of it: the library assigns ids ({@link OrdersFacade#place}).
 *
 * <p>Build with the factories and the {@code with...} methods:
 * <pre>{@code Order.limit(OrderAction.BUY, 100, 150.00).withTif(TimeInForce.GTC).withOutsideRth(true)}</pre>
 *
 * @param action          buy or sell
 * @param totalQuantity   &gt; 0; fractional where the contract allows it
 * @param type            the order type; decides which prices are required
 * @param limitPrice      LMT, STP LMT, LOC: the limit price; empty for the others
 * @param auxPrice        STP, STP LMT: the stop price; TRAIL: the trailing amount; empty otherwise
 * @param trailingPercent TRAIL: the trailing percent, in place of an amount; empty otherwise
 * @param tif             time in force
 * @param goodTillDate    GTD only: {@code yyyyMMdd HH:mm:ss} with an optional zone; empty otherwise
 * @param outsideRth      may fill outside regular trading hours
 * @param account         the account, for multi-account logins; empty for the default
 * @param orderRef        the caller's reference, echoed in openOrder and executions
 * @param ocaGroup        one-cancels-all group name; empty for none
 * @param ocaType         1 cancel the rest with block, 2 reduce with block, 3 reduce without block; 0 with no group
 * @param parentId        the parent's order id for an attached order, 0 for none
 * @param transmit        false to hold at TWS until a later order of the group transmits (brackets)
 */
public record Order(OrderAction action, BigDecimal totalQuantity, OrderType type, OptionalDouble limitPrice,
                    OptionalDouble auxPrice, OptionalDouble trailingPercent, TimeInForce tif, String goodTillDate,
                    boolean outsideRth, String account, String orderRef, String ocaGroup, int ocaType, int parentId,
                    boolean transmit) {

    private static final Pattern TEXT = Pattern.compile("[\\x20-\\x7E]*");
    private static final Pattern GOOD_TILL = Pattern.compile("\\d{8}( \\d{2}:\\d{2}:\\d{2})?( [\\x21-\\x7E]+)?");

    /** Validates; every message names the field. */
    public Order {
        require(action != null, "action is required (BUY or SELL)");
        require(type != null, "type is required");
        require(tif != null, "tif is required");
        require(limitPrice != null && auxPrice != null && trailingPercent != null,
                "prices must be OptionalDouble.empty() when not used, not null");
        require(totalQuantity != null && totalQuantity.signum() > 0,
                "totalQuantity must be > 0, was " + totalQuantity);
        goodTillDate = orEmpty(goodTillDate);
        account = orEmpty(account);
        orderRef = orEmpty(orderRef);
        ocaGroup = orEmpty(ocaGroup);
        for (String text : new String[] {goodTillDate, account, orderRef, ocaGroup}) {
            require(TEXT.matcher(text).matches(), "order text fields must be printable ASCII, was '"
                    + Frames.abbreviate(text) + "'");
        }
        boolean needsLimit = type == OrderType.LMT || type == OrderType.STP_LMT || type == OrderType.LOC;
        boolean needsStop = type == OrderType.STP || type == OrderType.STP_LMT;
        requirePrice("limitPrice", limitPrice, needsLimit, type);
        if (type == OrderType.TRAIL) {
            require(auxPrice.isPresent() != trailingPercent.isPresent(),
                    "TRAIL needs exactly one of auxPrice (trailing amount) and trailingPercent");
            requirePrice("auxPrice", auxPrice, auxPrice.isPresent(), type);
            if (trailingPercent.isPresent()) {
                double percent = trailingPercent.getAsDouble();
                require(percent > 0 && percent < 100, "trailingPercent must be > 0 and < 100, was " + percent);
            }
        } else {
            requirePrice("auxPrice", auxPrice, needsStop, type);
            require(trailingPercent.isEmpty(), "trailingPercent is only for TRAIL, not " + type.wireName());
        }
        require(tif != TimeInForce.GTD || !goodTillDate.isEmpty(), "tif GTD needs a goodTillDate");
        require(tif == TimeInForce.GTD || goodTillDate.isEmpty(), "goodTillDate is only for tif GTD, not " + tif);
        require(goodTillDate.isEmpty() || GOOD_TILL.matcher(goodTillDate).matches(),
                "goodTillDate must be yyyyMMdd HH:mm:ss [zone], was '" + Frames.abbreviate(goodTillDate) + "'");
        require(ocaType >= 0 && ocaType <= 3, "ocaType must be 0..3, was " + ocaType);
        require(ocaType == 0 || !ocaGroup.isEmpty(), "ocaType needs an ocaGroup");
        require(parentId >= 0, "parentId must be >= 0, was " + parentId);
    }

    /**
     * @param action   buy or sell
     * @param quantity &gt; 0
     * @return a market order, DAY
     */
    public static Order market(OrderAction action, double quantity) {
        return of(action, quantity, OrderType.MKT, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /**
     * @param action     buy or sell
     * @param quantity   &gt; 0
     * @param limitPrice the limit
     * @return a limit order, DAY
     */
    public static Order limit(OrderAction action, double quantity, double limitPrice) {
        return of(action, quantity, OrderType.LMT, OptionalDouble.of(limitPrice), OptionalDouble.empty());
    }

    /**
     * @param action    buy or sell
     * @param quantity  &gt; 0
     * @param stopPrice the trigger
     * @return a stop order, DAY
     */
    public static Order stop(OrderAction action, double quantity, double stopPrice) {
        return of(action, quantity, OrderType.STP, OptionalDouble.empty(), OptionalDouble.of(stopPrice));
    }

    /**
     * @param action     buy or sell
     * @param quantity   &gt; 0
     * @param stopPrice  the trigger
     * @param limitPrice the limit once triggered
     * @return a stop-limit order, DAY
     */
    public static Order stopLimit(OrderAction action, double quantity, double stopPrice, double limitPrice) {
        return of(action, quantity, OrderType.STP_LMT, OptionalDouble.of(limitPrice), OptionalDouble.of(stopPrice));
    }

    /**
     * @param action   buy or sell
     * @param quantity &gt; 0
     * @param amount   the distance of the stop from the best price, in price units
     * @return a trailing stop by amount, DAY
     */
    public static Order trailingAmount(OrderAction action, double quantity, double amount) {
        return of(action, quantity, OrderType.TRAIL, OptionalDouble.empty(), OptionalDouble.of(amount));
    }

    /**
     * @param action   buy or sell
     * @param quantity &gt; 0
     * @param percent  the distance of the stop from the best price, in percent
     * @return a trailing stop by percent, DAY
     */
    public static Order trailingPercent(OrderAction action, double quantity, double percent) {
        return new Order(action, quantity(quantity), OrderType.TRAIL, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.of(percent), TimeInForce.DAY, "", false, "", "", "", 0, 0, true);
    }

    /**
     * @param action   buy or sell
     * @param quantity &gt; 0
     * @return a market-on-close order, DAY
     */
    public static Order marketOnClose(OrderAction action, double quantity) {
        return of(action, quantity, OrderType.MOC, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /**
     * @param action     buy or sell
     * @param quantity   &gt; 0
     * @param limitPrice the limit
     * @return a limit-on-close order, DAY
     */
    public static Order limitOnClose(OrderAction action, double quantity, double limitPrice) {
        return of(action, quantity, OrderType.LOC, OptionalDouble.of(limitPrice), OptionalDouble.empty());
    }

    /**
     * @param value time in force other than GTD (use {@link #withGoodTillDate})
     * @return this order with it
     */
    public Order withTif(TimeInForce value) {
        return new Order(action, totalQuantity, type, limitPrice, auxPrice, trailingPercent, value, goodTillDate,
                outsideRth, account, orderRef, ocaGroup, ocaType, parentId, transmit);
    }

    /**
     * @param value {@code yyyyMMdd HH:mm:ss} with an optional zone
     * @return this order, GTD until then
     */
    public Order withGoodTillDate(String value) {
        return new Order(action, totalQuantity, type, limitPrice, auxPrice, trailingPercent, TimeInForce.GTD, value,
                outsideRth, account, orderRef, ocaGroup, ocaType, parentId, transmit);
    }

    /**
     * @param value may fill outside regular trading hours
     * @return this order with it
     */
    public Order withOutsideRth(boolean value) {
        return new Order(action, totalQuantity, type, limitPrice, auxPrice, trailingPercent, tif, goodTillDate,
                value, account, orderRef, ocaGroup, ocaType, parentId, transmit);
    }

    /**
     * @param value the account
     * @return this order for it
     */
    public Order withAccount(String value) {
        return new Order(action, totalQuantity, type, limitPrice, auxPrice, trailingPercent, tif, goodTillDate,
                outsideRth, value, orderRef, ocaGroup, ocaType, parentId, transmit);
    }

    /**
     * @param value the caller's reference
     * @return this order with it
     */
    public Order withOrderRef(String value) {
        return new Order(action, totalQuantity, type, limitPrice, auxPrice, trailingPercent, tif, goodTillDate,
                outsideRth, account, value, ocaGroup, ocaType, parentId, transmit);
    }

    /**
     * @param group the one-cancels-all group
     * @param kind  1, 2 or 3 (see {@link #ocaType()})
     * @return this order in it
     */
    public Order withOcaGroup(String group, int kind) {
        return new Order(action, totalQuantity, type, limitPrice, auxPrice, trailingPercent, tif, goodTillDate,
                outsideRth, account, orderRef, group, kind, parentId, transmit);
    }

    /**
     * @param value the parent's order id
     * @return this order attached to it
     */
    public Order withParentId(int value) {
        return new Order(action, totalQuantity, type, limitPrice, auxPrice, trailingPercent, tif, goodTillDate,
                outsideRth, account, orderRef, ocaGroup, ocaType, value, transmit);
    }

    /**
     * @param value false to hold the order at TWS until a later order of its group transmits
     * @return this order with it
     */
    public Order withTransmit(boolean value) {
        return new Order(action, totalQuantity, type, limitPrice, auxPrice, trailingPercent, tif, goodTillDate,
                outsideRth, account, orderRef, ocaGroup, ocaType, parentId, value);
    }

    /** @return {@code BUY 100 LMT 150.0 DAY}, for log lines and the command line */
    public String describe() {
        StringBuilder text = new StringBuilder().append(action).append(' ')
                .append(totalQuantity.stripTrailingZeros().toPlainString()).append(' ').append(type.wireName());
        limitPrice.ifPresent(p -> text.append(" lmt ").append(p));
        auxPrice.ifPresent(p -> text.append(type == OrderType.TRAIL ? " trail " : " stop ").append(p));
        trailingPercent.ifPresent(p -> text.append(" trail ").append(p).append('%'));
        return text.append(' ').append(tif).toString();
    }

    private static Order of(OrderAction action, double quantity, OrderType type, OptionalDouble limit,
                            OptionalDouble aux) {
        return new Order(action, quantity(quantity), type, limit, aux, OptionalDouble.empty(), TimeInForce.DAY, "",
                false, "", "", "", 0, 0, true);
    }

    private static BigDecimal quantity(double quantity) {
        require(Double.isFinite(quantity), "totalQuantity must be a finite number, was " + quantity);
        return BigDecimal.valueOf(quantity).stripTrailingZeros();
    }

    private static void requirePrice(String field, OptionalDouble price, boolean required, OrderType type) {
        if (!required) {
            require(price.isEmpty(), field + " is not used by " + type.wireName() + " orders");
            return;
        }
        require(price.isPresent(), type.wireName() + " orders need a " + field);
        double value = price.getAsDouble();
        require(Double.isFinite(value) && value > 0, field + " must be a finite number > 0, was " + value);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("invalid order: " + message);
        }
    }
}
