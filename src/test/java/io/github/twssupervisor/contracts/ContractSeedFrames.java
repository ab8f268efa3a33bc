package io.github.twssupervisor.contracts;

import io.github.twssupervisor.wire.WireLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Well-formed contract frames from the contracts codecs' own encoders at one server version: starting points for the
 * fuzz campaign ({@code fuzz.FuzzCampaign}), payloads without their length prefix, built from the codec tests' samples.
 */
public final class ContractSeedFrames {

    private ContractSeedFrames() {
    }

    /**
     * @param serverVersion the layout
     * @return contractDetails of a stock, a future and a fund, contractDetailsEnd, symbolSamples
     */
    public static List<byte[]> server(int serverVersion) {
        return unframed(ContractDetailsCodec.contractDetails(serverVersion, 42, ContractDetailsCodecTest.stock()),
                ContractDetailsCodec.contractDetails(serverVersion, 43, ContractDetailsCodecTest.future()),
                ContractDetailsCodec.contractDetails(serverVersion, 44, ContractDetailsCodecTest.fund()),
                ContractDetailsCodec.contractDetailsEnd(42),
                SymbolSamplesCodec.symbolSamples(serverVersion, 9001,
                        List.of(SymbolSamplesCodecTest.aapl(), SymbolSamplesCodecTest.bond())));
    }

    /**
     * @param serverVersion the layout
     * @return reqContractDetails of a stock and a future, reqMatchingSymbols
     */
    public static List<byte[]> client(int serverVersion) {
        return unframed(ContractDetailsCodec.reqContractDetails(serverVersion, 7, ContractDetailsCodecTest.stock()
                        .contract()),
                ContractDetailsCodec.reqContractDetails(serverVersion, 8, ContractDetailsCodecTest.future().contract()),
                SymbolSamplesCodec.reqMatchingSymbols(9, "AAP"));
    }

    private static List<byte[]> unframed(byte[]... frames) {
        List<byte[]> payloads = new ArrayList<>();
        for (byte[] frame : frames) {
            payloads.add(Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length));
        }
        return payloads;
    }
}
