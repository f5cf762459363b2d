package dev.rts.pubsub.internal;

import java.nio.charset.StandardCharsets;

/**
 * A cluster bus message: UTF-8 text {@code 1|<nodeId>|<payload>}, the payload being the event exactly as browsers get
 * it, so that receiving nodes forward it without decoding it.
 *
 * @param nodeId  the node that published it
 * @param payload the event payload
 */
record Envelope(String nodeId, String payload) {

    static final String VERSION = "1";

    static byte[] encode(String nodeId, String payload) {
        return (VERSION + "|" + nodeId + "|" + payload).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decodes a message.
     *
     * @return the envelope, or {@code null} if the message is not version 1 of this format
     */
    static Envelope decode(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        int first = text.indexOf('|');
        int second = first < 0 ? -1 : text.indexOf('|', first + 1);
        if (second <= first + 1 || !text.substring(0, first).equals(VERSION)) {
            return null;
        }
        return new Envelope(text.substring(first + 1, second), text.substring(second + 1));
    }
}
