package dev.rts.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes RTS frames, as specified in {@code docs/PROTOCOL.md}: text frames as strings, binary frames
 * (the same header in ASCII, then raw bytes) as {@link ByteBuffer}s.
 *
 * <p>A frame is the service id, {@code |}, then for services that use callbacks the callback id (empty for none) and
 * {@code |}, then the payload, which is the rest of the frame and may itself contain {@code |}. Whether a service uses
 * callbacks is known to both ends from the handshake, so parsing takes it as an argument.
 *
 * <p>Stateless and thread-safe.
 */
public final class FrameCodec {

    /** The callback id of a frame without callback. */
    public static final long NO_CALLBACK = 0;

    /** The largest callback id: the largest integer a JavaScript number holds exactly. */
    public static final long MAX_CALLBACK_ID = 9_007_199_254_740_991L;

    /** The largest service id. */
    public static final int MAX_SERVICE_ID = 65_535;

    private static final int MAX_ID_DIGITS = 16;

    private FrameCodec() {
    }

    /**
     * Reads only the service id of a frame, so that the caller can look up whether the service uses callbacks.
     *
     * @param frame the frame text
     * @return the service id
     * @throws MalformedFrameException if the frame has no {@code |} or the id is not a number in range
     */
    public static int serviceId(String frame) {
        int bar = frame.indexOf('|');
        if (bar < 0) {
            throw new MalformedFrameException("Malformed frame: expected '<serviceId>|<payload>' but found no '|' in "
                    + quote(frame), -1);
        }
        long id = parseId(frame, 0, bar, "service id", -1);
        if (id > MAX_SERVICE_ID) {
            throw new MalformedFrameException("Malformed frame: service id " + id + " is out of range (0 to "
                    + MAX_SERVICE_ID + ")", -1);
        }
        return (int) id;
    }

    /**
     * Decodes a frame.
     *
     * @param frame     the frame text
     * @param callbacks whether the frame's service uses callbacks, so that a callback field follows the id
     * @return the frame
     * @throws MalformedFrameException if the frame does not follow the protocol
     */
    public static Frame decode(String frame, boolean callbacks) {
        int serviceId = serviceId(frame);
        int start = frame.indexOf('|') + 1;
        if (!callbacks) {
            return new Frame(serviceId, NO_CALLBACK, frame.substring(start));
        }
        int bar = frame.indexOf('|', start);
        if (bar < 0) {
            throw new MalformedFrameException("Malformed frame: service " + serviceId + " uses callbacks, so expected '"
                    + serviceId + "|<callbackId>|<payload>' (callbackId may be empty) but found no second '|' in "
                    + quote(frame), serviceId);
        }
        long callbackId = bar == start ? NO_CALLBACK : parseId(frame, start, bar, "callback id", serviceId);
        if (callbackId == 0 && bar != start) {
            throw new MalformedFrameException("Malformed frame: callback id must be a positive integer or empty but was "
                    + quote(frame.substring(start, bar)), serviceId);
        }
        if (callbackId > MAX_CALLBACK_ID) {
            throw new MalformedFrameException("Malformed frame: callback id " + callbackId + " is out of range (1 to "
                    + MAX_CALLBACK_ID + ")", serviceId);
        }
        return new Frame(serviceId, callbackId, frame.substring(bar + 1));
    }

    /**
     * Encodes a frame.
     *
     * @param serviceId  the service id
     * @param callbacks  whether the service uses callbacks (then the callback field is written, empty for none)
     * @param callbackId the callback id or {@link #NO_CALLBACK}
     * @param payload    the payload, written as is
     * @return the frame text
     * @throws IllegalArgumentException if a callback id is given for a service without callbacks, or an id is out of
     *                                  range
     */
    public static String encode(int serviceId, boolean callbacks, long callbackId, String payload) {
        StringBuilder out = new StringBuilder(payload.length() + 24);
        return appendHeader(out, serviceId, callbacks, callbackId).append(payload).toString();
    }

    /**
     * Appends a frame's header, everything before the payload, so that the caller can write the payload straight
     * behind it (a JSON encoder, say) instead of building the payload as a string of its own first.
     *
     * @param out        where the header goes
     * @param serviceId  the service id
     * @param callbacks  whether the service uses callbacks (then the callback field is written, empty for none)
     * @param callbackId the callback id or {@link #NO_CALLBACK}
     * @return {@code out}
     * @throws IllegalArgumentException as {@link #encode(int, boolean, long, String)}
     */
    public static StringBuilder appendHeader(StringBuilder out, int serviceId, boolean callbacks, long callbackId) {
        if (serviceId < 0 || serviceId > MAX_SERVICE_ID) {
            throw new IllegalArgumentException("Service id must be between 0 and " + MAX_SERVICE_ID + " but was "
                    + serviceId);
        }
        if (callbackId < 0 || callbackId > MAX_CALLBACK_ID) {
            throw new IllegalArgumentException("Callback id must be between 0 and " + MAX_CALLBACK_ID + " but was "
                    + callbackId);
        }
        if (!callbacks && callbackId != NO_CALLBACK) {
            throw new IllegalArgumentException("Service " + serviceId + " does not use callbacks, so it cannot send "
                    + "callback id " + callbackId);
        }
        out.append(serviceId).append('|');
        if (callbacks) {
            if (callbackId != NO_CALLBACK) {
                out.append(callbackId);
            }
            out.append('|');
        }
        return out;
    }

    /**
     * Reads only the service id of a binary frame, so that the caller can look up the service before decoding.
     *
     * @param frame the frame, from its position to its limit; not modified
     * @return the service id
     * @throws MalformedFrameException if the frame does not start with {@code <serviceId>|}
     */
    public static int serviceId(ByteBuffer frame) {
        return serviceId(header(frame, false));
    }

    /**
     * Decodes a binary frame without copying its payload.
     *
     * @param frame     the frame, from its position to its limit; not modified
     * @param callbacks whether the frame's service uses callbacks, so that a callback field follows the id
     * @return the frame, whose payload is a read-only view of {@code frame}'s memory
     * @throws MalformedFrameException if the header does not follow the protocol
     */
    public static BinaryFrame decode(ByteBuffer frame, boolean callbacks) {
        String header = header(frame, callbacks);
        Frame parsed = decode(header, callbacks);
        ByteBuffer payload = frame.duplicate();
        payload.position(frame.position() + header.length());
        return new BinaryFrame(parsed.serviceId(), parsed.callbackId(), payload.slice().asReadOnlyBuffer());
    }

    /**
     * Encodes a binary frame: the header in ASCII followed by the payload, in one new array.
     *
     * @param serviceId  the service id
     * @param callbacks  whether the service uses callbacks (then the callback field is written, empty for none)
     * @param callbackId the callback id or {@link #NO_CALLBACK}
     * @param payload    the bytes from its position to its limit; its position is not changed
     * @return a buffer over the frame, position 0
     * @throws IllegalArgumentException as {@link #encode(int, boolean, long, String)}
     */
    public static ByteBuffer encode(int serviceId, boolean callbacks, long callbackId, ByteBuffer payload) {
        byte[] header = encode(serviceId, callbacks, callbackId, "").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[header.length + payload.remaining()];
        System.arraycopy(header, 0, frame, 0, header.length);
        payload.duplicate().get(frame, header.length, payload.remaining());
        return ByteBuffer.wrap(frame);
    }

    /**
     * The header of a binary frame as text, up to and including its last {@code |}. Only the first bytes are searched
     * (an id has at most {@value #MAX_ID_DIGITS} digits), so a frame without header costs no scan of its payload. When
     * a {@code |} is missing, the searched bytes are returned so that the text decoder reports what it found;
     * bytes that are not printable ASCII show as {@code ?}.
     */
    private static String header(ByteBuffer frame, boolean callbacks) {
        int start = frame.position();
        int end = start;
        for (int field = callbacks ? 2 : 1; field > 0; field--) {
            int limit = Math.min(frame.limit(), end + MAX_ID_DIGITS + 1);
            int bar = end;
            while (bar < limit && frame.get(bar) != '|') {
                bar++;
            }
            if (bar == limit) {
                end = limit;
                break;
            }
            end = bar + 1;
        }
        StringBuilder text = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            byte b = frame.get(i);
            text.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return text.toString();
    }

    /**
     * Decodes the bytes of a text frame strictly: invalid UTF-8 is an error, never replaced.
     *
     * @param bytes the frame bytes
     * @return the text
     * @throws MalformedFrameException if the bytes are not valid UTF-8
     */
    public static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFrameException("Malformed frame: text frames must be valid UTF-8", -1);
        }
    }

    private static long parseId(String frame, int from, int to, String what, int serviceId) {
        if (from == to) {
            throw new MalformedFrameException("Malformed frame: expected a " + what + " but found nothing before '|'",
                    serviceId);
        }
        // Digits are checked before length, so that a long non-numeric id is reported as non-numeric.
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = frame.charAt(i);
            if (c < '0' || c > '9') {
                throw new MalformedFrameException("Malformed frame: expected a numeric " + what + " but found "
                        + quote(frame.substring(from, to)), serviceId);
            }
            value = value * 10 + (c - '0');
        }
        if (to - from > MAX_ID_DIGITS) {
            throw new MalformedFrameException("Malformed frame: " + what + " " + quote(frame.substring(from, to))
                    + " is out of range", serviceId);
        }
        return value;
    }

    private static String quote(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return "'" + shown + "'";
    }
}
