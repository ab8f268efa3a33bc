package io.github.twssupervisor.contracts;

import java.util.List;
import java.util.Objects;

/**
 * One match of a symbol search (symbolSamples, IN 79): a contract as TWS describes it there, which is only its conId,
 * symbol, security type, primary exchange and currency, plus the kinds of derivatives listed on it.
 *
 * @param contract           conId, symbol, secType, primaryExchange and currency; every other field is empty
 * @param derivativeSecTypes the security types of its derivatives, as TWS spells them ({@code OPT}, {@code WAR},
 *                           {@code CFD}, ...), in TWS's order
 * @param description        TWS's description (the company or bond name), empty when TWS sent none
 * @param issuerId           the bond issuer id, empty for everything else
 */
public record ContractDescription(Contract contract, List<String> derivativeSecTypes, String description,
                                  String issuerId) {

    /** Copies the list; nulls of the texts become empty. */
    public ContractDescription {
        Objects.requireNonNull(contract, "contract must not be null");
        derivativeSecTypes = List.copyOf(derivativeSecTypes);
        description = description == null ? "" : description;
        issuerId = issuerId == null ? "" : issuerId;
    }
}
