package dev.rts.client;

/**
 * The server answered a call with an error frame, or the connection closed before the answer. The message is the
 * server's (or says the connection closed).
 */
public final class RtsErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what the server said
     */
    public RtsErrorException(String message) {
        super(message);
    }
}
