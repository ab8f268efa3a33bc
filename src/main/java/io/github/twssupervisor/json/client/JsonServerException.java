package io.github.twssupervisor.json.client;

/** The JSON server answered a request with an {@code error}, or with a reply of the wrong type. */
public final class JsonServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String requestType;

    /**
     * @param requestType the request's type
     * @param error       the server's words
     */
    public JsonServerException(String requestType, String error) {
        super("the JSON server refused " + requestType + ": " + error);
        this.requestType = requestType;
    }

    /** @return the request's type */
    public String requestType() {
        return requestType;
    }
}
