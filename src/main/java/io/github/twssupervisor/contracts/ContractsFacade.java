package io.github.twssupervisor.contracts;

import io.github.twssupervisor.subscription.DomainContext;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Contracts of one client ({@code client.contracts()}): TWS's details of a contract, a contract qualified to the one
 * TWS means (with its conId), and a search by the start of a symbol or company name. Details are cached for
 * {@code tws.contracts.cache-ttl}; searches are not, and go out at most one per second. Safe from any thread.
 *
 * <pre>{@code
 * Contract aapl = client.contracts().qualify(Contract.stock("AAPL")).toCompletableFuture().join(); // conId 265598
 * List<ContractDescription> found = client.contracts().search("AA").toCompletableFuture().join();
 * }</pre>
 */
public final class ContractsFacade {

    /** The contract cache's name among the client's residents. */
    static final String RESIDENT = "contracts";
    /** The symbol search's name among the client's residents. */
    static final String SYMBOL_SEARCH = "symbol-search";
    /** The longest search pattern accepted: longer than any symbol, and a few words of a company name. */
    public static final int MAX_PATTERN_LENGTH = 64;

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

    /**
     * Searches TWS (reqMatchingSymbols) for contracts whose symbol starts with the pattern or, for longer patterns,
     * whose company name holds it as a word. IB allows one search per second: searches queue for their turn (at most
     * {@value SymbolSearch#MAX_WAITING} waiting), so a burst of them takes that many seconds.
     *
     * @param pattern the start of a symbol ({@code AA}) or a word of a name ({@code Apple}); not blank, printable
     *                ASCII, at most {@value #MAX_PATTERN_LENGTH} characters
     * @return up to 16 matches (TWS's limit), in TWS's order, an empty list when nothing matches; fails with
     *     {@link IllegalArgumentException} naming the rule a pattern breaks, {@link IllegalStateException} when too
     *     many searches already wait, {@code TwsRequestException} for a TWS error, or a timeout / lost connection
     */
    public CompletionStage<List<ContractDescription>> search(String pattern) {
        Optional<String> invalid = invalidPattern(pattern);
        if (invalid.isPresent()) {
            return CompletableFuture.failedStage(new IllegalArgumentException(invalid.get()));
        }
        Duration wait = timeout.plus(SymbolSearch.INTERVAL).multipliedBy(SymbolSearch.MAX_WAITING + 1L)
                .plusSeconds(5);
        return kernel.ask(SYMBOL_SEARCH, replyTo -> new SymbolSearch.Search(pattern, replyTo), wait);
    }

    /**
     * @param pattern a search pattern
     * @return what is wrong with it, naming the rule {@link #search} applies, or empty if nothing
     */
    public static Optional<String> invalidPattern(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return Optional.of("search pattern must not be blank");
        }
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            return Optional.of("search pattern must be at most " + MAX_PATTERN_LENGTH + " characters, was "
                    + pattern.length());
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return Optional.of("search pattern must be printable ASCII, was '" + pattern + "' (character "
                        + String.format("U+%04X", (int) c) + " at index " + i + ")");
            }
        }
        return Optional.empty();
    }
}
