package io.github.twssupervisor.contracts;

import io.github.twssupervisor.dispatch.RequestEvent;

/**
 * What a reqContractDetails gets back, routed by its request id (as market data is): one {@link Row} per matching
 * contract, then {@link End}. No match is error 200 for the request id instead.
 */
public sealed interface ContractDetailsEvent extends RequestEvent {

    /**
     * One matching contract (contractDetails, IN 10).
     *
     * @param details the contract's details
     */
    record Row(ContractDetails details) implements ContractDetailsEvent {
    }

    /** Every matching contract was sent (contractDetailsEnd, IN 52). */
    record End() implements ContractDetailsEvent {
    }
}
