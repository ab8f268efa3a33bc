package io.github.twssupervisor.simulator;

/** TWS's wording of the request-scoped errors the simulator answers with (codes in {@code wire/TwsErrorCode}). */
final class SimulatorErrors {

    /** Error 102. */
    static final String DUPLICATE_TICKER_ID = "Duplicate ticker ID";
    /** Error 200. */
    static final String NO_SECURITY_DEFINITION = "No security definition has been found for the request";

    private SimulatorErrors() {
    }

    /**
     * @param tickerId the id that was cancelled
     * @return TWS's text for error 300
     */
    static String unknownTickerId(int tickerId) {
        return "Can't find EId with tickerId:" + tickerId;
    }

    /**
     * @param max        the limit
     * @param received   messages received in the current one-second window, the rejected one included
     * @param violations violations so far on this connection
     * @return TWS's text for error 100
     */
    static String maxRateExceeded(int max, int received, int violations) {
        return "Max rate of messages per second has been exceeded:max=" + max + " rec=" + received + " (" + violations
                + ")";
    }
}
