package io.github.twssupervisor.contracts;

import java.util.List;
import java.util.stream.Collectors;

/** More than one contract matches: give the exchange, the currency or the conId of the one meant. */
public final class AmbiguousContractException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ContractDetails> candidates;

    /**
     * @param contract   what was looked up
     * @param candidates every match TWS listed
     */
    public AmbiguousContractException(Contract contract, List<ContractDetails> candidates) {
        super(contract.displayName() + " is ambiguous: " + candidates.size() + " contracts match ("
                + candidates.stream().map(AmbiguousContractException::describe).collect(Collectors.joining("; "))
                + "); give the exchange, the currency or the conId");
        this.candidates = List.copyOf(candidates);
    }

    /** @return every match TWS listed */
    public List<ContractDetails> candidates() {
        return candidates;
    }

    private static String describe(ContractDetails details) {
        Contract c = details.contract();
        return "conId " + c.conId() + " " + c.symbol() + " " + c.secType() + " " + c.exchange()
                + (c.primaryExchange().isEmpty() ? "" : "/" + c.primaryExchange()) + " " + c.currency()
                + (c.localSymbol().isEmpty() ? "" : " " + c.localSymbol());
    }
}
