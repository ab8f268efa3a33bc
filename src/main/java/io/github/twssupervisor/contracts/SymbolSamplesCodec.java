package io.github.twssupervisor.contracts;

import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.wire.DoubleStyle;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Both directions of the symbol search (reqMatchingSymbols / symbolSamples). The client encodes the request and decodes
 * the answer (as the dispatcher's {@link DomainDecoder}, routed by request id); the simulator decodes the request and
 * encodes the answer.
 *
 * <pre>
 * OUT reqMatchingSymbols 81|reqId|pattern|                      e.g. 81|9001|IB|   (no version field)
 * IN  symbolSamples      79|reqId|n|n × description|             (no version field, no End message)
 *     description        conId|symbol|secType|primaryExchange|currency|m|m × derivativeSecType|
 *                        description|issuerId|                   (the last two: sv ≥ 176, BOND_ISSUERID)
 *                        e.g. (made up) 79|9001|1|8314|IBM|STK|NYSE|USD|2|OPT|WAR|INTL BUSINESS MACHINES CORP||
 * </pre>
 *
 * Layout as written by the official Python client ({@code client.reqMatchingSymbols}) and @stoqey/ib (the same two
 * fields, so the simulator reads both alike), and as read by the official Python ({@code decoder.
 * processSymbolSamplesMsg}) and Java ({@code EDecoder.processSymbolSamplesMsg}) decoders.
 */
public final class SymbolSamplesCodec implements DomainDecoder {

    /** The fields of one description besides its derivative types: five before the count, the count itself. */
    private static final int FIXED_FIELDS = 6;
    /** description and issuerId, from {@link ServerVersion#BOND_ISSUERID}. */
    private static final int TRAILING_FIELDS = 2;

    /**
     * A reqMatchingSymbols as the simulator reads it.
     *
     * @param reqId   the request id
     * @param pattern what to search for, as the client sent it
     */
    public record MatchingSymbolsRequest(int reqId, String pattern) {
    }

    // ------------------------------------------------------------------ client: request out

    /**
     * reqMatchingSymbols (OUT 81), byte for byte as the official client writes it; the same at every version.
     *
     * @param reqId   the request id
     * @param pattern the start of a symbol or a word of a company name, printable ASCII
     * @return a complete frame
     * @throws IllegalArgumentException if the pattern holds a character TWS does not accept
     */
    public static byte[] reqMatchingSymbols(int reqId, String pattern) {
        return new FieldWriter(DoubleStyle.PYTHON).writeInt(OutgoingMessageId.REQ_MATCHING_SYMBOLS.code())
                .writeInt(reqId).writeString(pattern).toFrame();
    }

    // ------------------------------------------------------------------ client: answer in

    @Override
    public Set<IncomingMessageId> messages() {
        return Set.of(IncomingMessageId.SYMBOL_SAMPLES);
    }

    /**
     * @throws WireFormatException for a truncated or unreadable frame, a count the frame cannot hold, or a contract
     *     {@link Contract} refuses (an unknown security type, say)
     */
    @Override
    public Addressed decode(int serverVersion, IncomingMessageId id, FieldReader reader) {
        if (id != IncomingMessageId.SYMBOL_SAMPLES) {
            throw new IllegalArgumentException("not a symbolSamples message: " + id);
        }
        int reqId = reader.readInt();
        int trailing = serverVersion >= ServerVersion.BOND_ISSUERID ? TRAILING_FIELDS : 0;
        int count = count(reader, "contract description", FIXED_FIELDS + trailing);
        List<ContractDescription> descriptions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            descriptions.add(readDescription(reader, trailing));
        }
        return new Addressed(reqId, new SymbolSamplesEvent(descriptions));
    }

    private static ContractDescription readDescription(FieldReader r, int trailing) {
        int conId = r.readInt();
        String symbol = r.readString();
        String secType = r.readString();
        String primaryExchange = r.readString();
        String currency = r.readString();
        int derivatives = count(r, "derivativeSecTypes", 1);
        if (derivatives > r.remainingFields() - trailing) {
            throw new WireFormatException("field " + (r.fieldIndex() - 1) + ": derivativeSecTypes count "
                    + derivatives + " does not fit the " + r.remainingFields() + " fields left");
        }
        List<String> derivativeSecTypes = new ArrayList<>(derivatives);
        for (int i = 0; i < derivatives; i++) {
            derivativeSecTypes.add(r.readString());
        }
        String description = trailing > 0 ? r.readString() : "";
        String issuerId = trailing > 0 ? r.readString() : "";
        Contract contract;
        try {
            contract = new Contract(conId, symbol, SecType.valueOf(secType), "", 0, "", "", "", primaryExchange,
                    currency, "", "");
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("symbolSamples of " + Frames.abbreviate(symbol) + " "
                    + Frames.abbreviate(secType) + ": " + Frames.abbreviate(e.getMessage(), Frames.REASON_LIMIT));
        }
        return new ContractDescription(contract, derivativeSecTypes, description, issuerId);
    }

    /** A count, each of whose items takes at least {@code fieldsEach} fields; one the frame cannot hold is an error. */
    private static int count(FieldReader r, String what, int fieldsEach) {
        int index = r.fieldIndex();
        int count = r.readInt();
        if (count < 0 || count > r.remainingFields() / fieldsEach) {
            throw new WireFormatException("field " + index + ": " + what + " count " + count + " does not fit the "
                    + r.remainingFields() + " fields left");
        }
        return count;
    }

    // ------------------------------------------------------------------ simulator: request in

    /**
     * @param reader positioned after the message id of a reqMatchingSymbols
     * @return the request (the official client and @stoqey/ib write the same two fields)
     * @throws WireFormatException for an unreadable or missing field
     */
    public static MatchingSymbolsRequest decodeReqMatchingSymbols(FieldReader reader) {
        int reqId = reader.readInt();
        return new MatchingSymbolsRequest(reqId, reader.readString());
    }

    // ------------------------------------------------------------------ simulator: answer out

    /**
     * @param serverVersion the negotiated version
     * @param reqId         the request id
     * @param descriptions  the matches, none for an empty answer
     * @return symbolSamples (IN 79) as a complete frame, written as TWS writes it
     */
    public static byte[] symbolSamples(int serverVersion, int reqId, List<ContractDescription> descriptions) {
        FieldWriter w = new FieldWriter(DoubleStyle.JAVA).writeInt(IncomingMessageId.SYMBOL_SAMPLES.code())
                .writeInt(reqId).writeInt(descriptions.size());
        for (ContractDescription d : descriptions) {
            Contract c = d.contract();
            w.writeInt(c.conId()).writeString(c.symbol()).writeString(c.secType().name())
                    .writeString(c.primaryExchange()).writeString(c.currency()).writeInt(d.derivativeSecTypes().size());
            d.derivativeSecTypes().forEach(w::writeString);
            if (serverVersion >= ServerVersion.BOND_ISSUERID) {
                w.writeString(d.description()).writeString(d.issuerId());
            }
        }
        return w.toFrame();
    }
}
