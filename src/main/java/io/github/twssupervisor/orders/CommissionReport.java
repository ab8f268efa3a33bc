package io.github.twssupervisor.orders;

import java.util.OptionalDouble;

/**
 * The commission of one fill (commissionReport, TWS-WIRE.md §5.13), joined to its {@link Execution} by execId. It may
 * arrive after the order's Filled status.
 *
 * @param execId      the execution it belongs to
 * @param commission  the commission and fees
 * @param currency    their currency
 * @param realizedPnl the realized profit or loss of a closing fill, if any
 */
public record CommissionReport(String execId, double commission, String currency, OptionalDouble realizedPnl) {
}
