package dev.rts.client;

/**
 * Carries text frames for an {@link RtsClient}: a WebSocket by default, an in-memory pipe in the testkit. A new
 * transport is created for every connection attempt.
 */
public interface ClientTransport {

    /**
     * Receives a transport's events. Calls for one transport are never concurrent.
     */
    interface Listener {

        /** The connection is open; frames may be sent. */
        void onOpen();

        /**
         * A complete text frame arrived.
         *
         * @param frame the frame text
         */
        void onText(String frame);

        /**
         * The connection closed or could not be opened. Called at most once.
         *
         * @param code   the close code, 1006 when there was none
         * @param reason the reason, possibly empty
         */
        void onClose(int code, String reason);
    }

    /**
     * Starts opening the connection; returns at once.
     *
     * @param listener where to report events
     */
    void open(Listener listener);

    /**
     * Queues a text frame. Never blocks; frames are sent in call order. A transport bounds what it queues, so that an
     * app sending faster than the server reads gets a refusal instead of running out of memory.
     *
     * @param frame the frame text
     * @return {@code false} if the frame was not queued: the connection is closed, or too much is already waiting
     */
    boolean send(String frame);

    /**
     * Closes the connection with a normal close; {@link Listener#onClose} follows.
     */
    void close();
}
