package io.github.twssupervisor.subscription;

/** TWS answered a request with an error for its request id (e.g. 200 no security definition, 162 no data). */
public final class TwsRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String twsMessage;

    /**
     * @param description what was requested
     * @param code        TWS's error code
     * @param twsMessage  TWS's text
     */
    public TwsRequestException(String description, int code, String twsMessage) {
        super(description + " failed: TWS error " + code + " " + twsMessage);
        this.code = code;
        this.twsMessage = twsMessage;
    }

    /** @return TWS's error code */
    public int code() {
        return code;
    }

    /** @return TWS's text */
    public String twsMessage() {
        return twsMessage;
    }
}
