package dev.rts.api;

/**
 * Receives a service's inbound messages. See {@link ServiceContext#onMessage(MessageHandler)} for threading.
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Handles one message.
     *
     * @param message the payload
     * @param request who sent it
     * @param reply   answers the sender's callback, if it asked for one
     * @throws Exception to report a failure to the sender as an error frame (message only, no stack trace)
     */
    void handle(Message message, Request request, Reply reply) throws Exception;
}
