package io.github.twssupervisor.contracts;

/** TWS knows no contract that matches (error 200, "no security definition has been found"). */
public final class ContractNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Contract contract;

    /**
     * @param contract   what was looked up
     * @param twsMessage TWS's text
     */
    public ContractNotFoundException(Contract contract, String twsMessage) {
        super("no contract matches " + contract.displayName() + ": " + twsMessage);
        this.contract = contract;
    }

    /** @return what was looked up */
    public Contract contract() {
        return contract;
    }
}
