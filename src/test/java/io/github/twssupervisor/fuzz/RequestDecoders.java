package io.github.twssupervisor.fuzz;

import io.github.twssupervisor.account.AccountSummaryCodec;
import io.github.twssupervisor.account.AccountUpdatesCodec;
import io.github.twssupervisor.account.PnlCodec;
import io.github.twssupervisor.account.PositionCodec;
import io.github.twssupervisor.contracts.ContractDetailsCodec;
import io.github.twssupervisor.contracts.SymbolSamplesCodec;
import io.github.twssupervisor.history.HeadTimestampCodec;
import io.github.twssupervisor.history.HistoricalDataCodec;
import io.github.twssupervisor.marketdata.MarketDataCodec;
import io.github.twssupervisor.orders.OrderRequestCodec;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.WireFormatException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Every request decoder the simulator calls (its {@code RequestHandler}s and handshake), by the request's message id,
 * each called as the simulator calls it: with the session's server version and a reader after the message id. Their
 * contract is what the simulator's call site handles: a {@link WireFormatException} (unreadable frame, error 320) from
 * any of them; an {@link IllegalArgumentException} (invalid contract or request, error 321) only from the four whose
 * handler catches it; from placeOrder only its {@link OrderRequestCodec.RejectedOrderException}. Anything else would
 * escape the session's actor.
 */
final class RequestDecoders {

    /**
     * One decoder.
     */
    @FunctionalInterface
    interface Decoder {

        /**
         * @param serverVersion the session's version
         * @param reader        positioned after the message id
         */
        void decode(int serverVersion, FieldReader reader);
    }

    /**
     * A decoder with the codec that owns it, for reports, and what its call site handles.
     *
     * @param codec   the codec's simple name
     * @param decoder the decoder
     * @param handled what the simulator catches around it, besides {@link WireFormatException}; null if nothing
     */
    record Named(String codec, Decoder decoder, Class<? extends RuntimeException> handled) {

        /**
         * @param e what the decoder threw
         * @return whether the simulator handles it
         */
        boolean handles(Throwable e) {
            return e instanceof WireFormatException || handled != null && handled.isInstance(e);
        }
    }

    /** The decoders, by request. */
    static final Map<OutgoingMessageId, Named> ALL = all();

    private RequestDecoders() {
    }

    private static Map<OutgoingMessageId, Named> all() {
        Map<OutgoingMessageId, Named> all = new EnumMap<>(OutgoingMessageId.class);
        all.put(OutgoingMessageId.START_API, named("SessionCodec", (v, r) -> SessionCodec.decodeStartApi(r)));
        all.put(OutgoingMessageId.REQ_IDS, named("SessionCodec", (v, r) -> SessionCodec.decodeReqIds(r)));
        all.put(OutgoingMessageId.REQ_MKT_DATA, named("MarketDataCodec", MarketDataCodec::decodeReqMktData,
                IllegalArgumentException.class));
        all.put(OutgoingMessageId.CANCEL_MKT_DATA, named("MarketDataCodec",
                (v, r) -> MarketDataCodec.decodeCancelMktData(r)));
        all.put(OutgoingMessageId.REQ_MARKET_DATA_TYPE, named("MarketDataCodec",
                (v, r) -> MarketDataCodec.decodeReqMarketDataType(r)));
        all.put(OutgoingMessageId.PLACE_ORDER, named("OrderRequestCodec", OrderRequestCodec::decodePlaceOrder,
                OrderRequestCodec.RejectedOrderException.class));
        all.put(OutgoingMessageId.CANCEL_ORDER, named("OrderRequestCodec", OrderRequestCodec::decodeCancelOrder));
        all.put(OutgoingMessageId.REQ_EXECUTIONS, named("OrderRequestCodec", OrderRequestCodec::decodeReqExecutions));
        all.put(OutgoingMessageId.REQ_COMPLETED_ORDERS, named("OrderRequestCodec",
                (v, r) -> OrderRequestCodec.decodeReqCompletedOrders(r)));
        all.put(OutgoingMessageId.REQ_CONTRACT_DETAILS, named("ContractDetailsCodec",
                ContractDetailsCodec::decodeReqContractDetails, IllegalArgumentException.class));
        all.put(OutgoingMessageId.REQ_MATCHING_SYMBOLS, named("SymbolSamplesCodec",
                (v, r) -> SymbolSamplesCodec.decodeReqMatchingSymbols(r)));
        all.put(OutgoingMessageId.REQ_HISTORICAL_DATA, named("HistoricalDataCodec",
                HistoricalDataCodec::decodeReqHistoricalData, IllegalArgumentException.class));
        all.put(OutgoingMessageId.CANCEL_HISTORICAL_DATA, named("HistoricalDataCodec",
                (v, r) -> HistoricalDataCodec.decodeCancelHistoricalData(r)));
        all.put(OutgoingMessageId.REQ_HEAD_TIMESTAMP, named("HeadTimestampCodec",
                (v, r) -> HeadTimestampCodec.decodeReqHeadTimestamp(r), IllegalArgumentException.class));
        all.put(OutgoingMessageId.CANCEL_HEAD_TIMESTAMP, named("HeadTimestampCodec",
                (v, r) -> HeadTimestampCodec.decodeCancelHeadTimestamp(r)));
        all.put(OutgoingMessageId.REQ_ACCOUNT_SUMMARY, named("AccountSummaryCodec",
                (v, r) -> AccountSummaryCodec.decodeReqAccountSummary(r)));
        all.put(OutgoingMessageId.CANCEL_ACCOUNT_SUMMARY, named("AccountSummaryCodec",
                (v, r) -> AccountSummaryCodec.decodeCancelAccountSummary(r)));
        all.put(OutgoingMessageId.REQ_POSITIONS, named("PositionCodec",
                (v, r) -> PositionCodec.decodePositionsRequest(r)));
        all.put(OutgoingMessageId.CANCEL_POSITIONS, named("PositionCodec",
                (v, r) -> PositionCodec.decodePositionsRequest(r)));
        all.put(OutgoingMessageId.REQ_ACCOUNT_UPDATES, named("AccountUpdatesCodec",
                (v, r) -> AccountUpdatesCodec.decodeReqAccountUpdates(r)));
        all.put(OutgoingMessageId.REQ_PNL, named("PnlCodec", (v, r) -> PnlCodec.decodeReqPnL(r)));
        all.put(OutgoingMessageId.REQ_PNL_SINGLE, named("PnlCodec", (v, r) -> PnlCodec.decodeReqPnLSingle(r)));
        all.put(OutgoingMessageId.CANCEL_PNL, named("PnlCodec", (v, r) -> PnlCodec.decodeCancel(r)));
        all.put(OutgoingMessageId.CANCEL_PNL_SINGLE, named("PnlCodec", (v, r) -> PnlCodec.decodeCancel(r)));
        return Collections.unmodifiableMap(all);
    }

    private static Named named(String codec, Decoder decoder) {
        return new Named(codec, decoder, null);
    }

    private static Named named(String codec, Decoder decoder, Class<? extends RuntimeException> handled) {
        return new Named(codec, decoder, handled);
    }
}
