package io.github.twssupervisor.client;

import io.github.twssupervisor.account.AccountDomain;
import io.github.twssupervisor.account.AccountFacade;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.contracts.ContractsDomain;
import io.github.twssupervisor.contracts.ContractsFacade;
import io.github.twssupervisor.history.HistoryDomain;
import io.github.twssupervisor.history.HistoryFacade;
import io.github.twssupervisor.marketdata.MarketDataDomain;
import io.github.twssupervisor.marketdata.MarketDataFacade;
import io.github.twssupervisor.orders.OrdersDomain;
import io.github.twssupervisor.orders.OrdersFacade;
import io.github.twssupervisor.subscription.Domain;
import io.github.twssupervisor.subscription.DomainContext;
import java.util.List;

/**
 * The domains every client assembles (their decoders and residents, for the guardian) and their facades over the
 * client's kernel: the one place a new domain is added to the client.
 */
record Facades(MarketDataFacade marketData, OrdersFacade orders, ContractsFacade contracts, HistoryFacade history,
               AccountFacade account) {

    /** @return the domains, for the client's guardian */
    static List<Domain> domains(TwsSettings settings) {
        return List.of(new MarketDataDomain(), new OrdersDomain(settings.orders(), settings.connection().clientId()),
                new ContractsDomain(settings.contracts()), new HistoryDomain(settings.history()),
                new AccountDomain());
    }

    /** @return the facades over the client's kernel */
    static Facades over(DomainContext kernel, TwsSettings settings) {
        return new Facades(new MarketDataFacade(kernel), new OrdersFacade(kernel, settings.orders().reconcileTimeout()),
                new ContractsFacade(kernel, settings.contracts().requestTimeout()), new HistoryFacade(kernel),
                new AccountFacade(kernel, settings.connection().requestTimeout()));
    }
}
