package dev.rts.rpc;

/**
 * An rpc call failed with a message meant for the caller.
 *
 * <p>Throw it from a method or middleware to answer an error such as {@code "Product 42 is sold out"}: the caller gets
 * the message, and the server logs it at DEBUG only, without a stack trace (any other exception is logged at ERROR
 * with its stack trace, and the caller gets its message). Local calls through {@link Rpc#call(String, Object...)} fail
 * with it, carrying exactly the message a remote caller would get.
 */
public class RpcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the message for the caller, not {@code null}
     */
    public RpcException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause, which is logged but never sent to a caller.
     *
     * @param message the message for the caller, not {@code null}
     * @param cause   the underlying failure, or {@code null}
     */
    public RpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
