package io.github.twssupervisor.marketdata;

import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.subscription.Domain;
import java.util.List;

/** Market data's registration with the client: its decoder (ticks, tickReqParams, marketDataType, snapshot end). */
public final class MarketDataDomain implements Domain {

    @Override
    public String name() {
        return "market data";
    }

    @Override
    public List<DomainDecoder> decoders() {
        return List.of(new MarketDataCodec());
    }
}
