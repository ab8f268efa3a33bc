package io.github.twssupervisor.contracts;

import io.github.twssupervisor.subscription.DomainContext;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Contracts of one client ({@code client.contracts()}): TWS's details of a contract, and a contract qualified to the
 * one TWS means (with its conId). Answers are cached for {@code tws.contracts.cache-ttl}. Safe from any thread.
 *
 * <pre>{@code
 * Contract aapl = client.contracts().qualify(Contract.stock("AAPL")).toCompletableFuture().join(); // conId 265598
 * }</pre>
 */
public final class ContractsFacade {

    /** The contract cache's name among the client's residents. */
    static final String RESIDENT = "contracts";

    private final DomainContext kernel;
    private final Duration timeout;

    /**
     * @param kernel  the client's kernel services
     * @param timeout how long TWS may take to answer (plus a margin for the cache's own hop)
     */
    public ContractsFacade(DomainContext kernel, Duration timeout) {
        this.kernel = kernel;
        this.timeout = timeout;
    }

    /**
     * @param contract what to look up; fields left empty match anything
     * @return every contract TWS lists for it; fails with {@link ContractNotFoundException} when there is none,
     *     {@code TwsRequestException} for other TWS errors, or a timeout / lost connection
     */
    public CompletionStage<List<ContractDetails>> details(Contract contract) {
        Objects.requireNonNull(contract, "contract must not be null");
        return kernel.ask(RESIDENT, replyTo -> new ContractCache.Lookup(contract, replyTo),
                timeout.plusSeconds(5));
    }

    /**
     * @param contract what to look up
     * @return the one contract TWS means, with its conId, primary exchange, local symbol and trading class; fails with
     *     {@link AmbiguousContractException} (listing the candidates) when several match, or as {@link #details}
     */
    public CompletionStage<Contract> qualify(Contract contract) {
        return details(contract).thenApply(rows -> {
            if (rows.size() != 1) {
                throw new AmbiguousContractException(contract, rows);
            }
            return rows.get(0).contract();
        });
    }
}
