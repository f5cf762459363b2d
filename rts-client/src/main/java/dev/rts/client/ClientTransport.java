package dev.rts.client;

import java.nio.ByteBuffer;

/**
 * Carries text and binary frames for an {@link RtsClient}: a WebSocket by default, an in-memory pipe in the testkit.
 * A new transport is created for every connection attempt.
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
         * A complete binary frame arrived. Does nothing by default, for listeners that only need text.
         *
         * @param frame the frame from its position to its limit; the listener may keep it
         */
        default void onBinary(ByteBuffer frame) {
        }

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
     * Queues a binary frame, under the same bound and in the same order as text frames. Never blocks.
     *
     * @param frame the frame from its position to its limit; the caller must not modify it afterwards, as the
     *              transport may hold it until it is written
     * @return {@code false} if the frame was not queued: the connection is closed, or too much is already waiting
     */
    boolean sendBinary(ByteBuffer frame);

    /**
     * Closes the connection with a normal close; {@link Listener#onClose} follows.
     */
    void close();
}
