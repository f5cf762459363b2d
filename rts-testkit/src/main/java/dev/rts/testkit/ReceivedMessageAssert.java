package dev.rts.testkit;

import dev.rts.json.internal.StrictJson;
import java.util.Arrays;
import java.util.HexFormat;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions for a {@link ReceivedMessage}. Start with {@link RtsAssertions#assertThat(ReceivedMessage)}.
 */
public final class ReceivedMessageAssert extends AbstractAssert<ReceivedMessageAssert, ReceivedMessage> {

    ReceivedMessageAssert(ReceivedMessage actual) {
        super(actual, ReceivedMessageAssert.class);
    }

    /**
     * Checks the payload text exactly.
     *
     * @param expected the expected text
     * @return this assertion
     */
    public ReceivedMessageAssert hasText(String expected) {
        isText();
        if (!actual.text().equals(expected)) {
            failWithMessage("Expected message from '%s' to be%n  %s%nbut was%n  %s", actual.service(), expected,
                    actual.text());
        }
        return this;
    }

    /**
     * Checks the payload as JSON, ignoring whitespace and object key order.
     *
     * @param expectedJson the expected JSON
     * @return this assertion
     */
    public ReceivedMessageAssert hasJson(String expectedJson) {
        isText();
        Object expected = StrictJson.instance().parse(expectedJson);
        Object found;
        try {
            found = StrictJson.instance().parse(actual.text());
        } catch (IllegalArgumentException e) {
            failWithMessage("Expected JSON from '%s' but got%n  %s%n(%s)", actual.service(), actual.text(),
                    e.getMessage());
            return this;
        }
        if (!expected.equals(found)) {
            failWithMessage("Expected JSON from '%s' to be%n  %s%nbut was%n  %s", actual.service(), expectedJson,
                    actual.text());
        }
        return this;
    }

    /**
     * Decodes the payload as JSON with the server's strict codec, for assertions by value and path:
     * {@code assertThat(message).json().path("count").isEqualTo(3)}.
     *
     * @return an assertion on the decoded value
     * @throws AssertionError if the message is binary or not JSON, quoting it
     */
    public JsonAssert json() {
        isText();
        try {
            return new JsonAssert(StrictJson.instance().parse(actual.text()), "$");
        } catch (IllegalArgumentException e) {
            failWithMessage("Expected JSON from '%s' but got%n  %s%n(%s)", actual.service(), actual.text(),
                    e.getMessage());
            return null;
        }
    }

    /**
     * Checks that the message came in a text frame.
     *
     * @return this assertion
     */
    public ReceivedMessageAssert isText() {
        isNotNull();
        if (actual.isBinary()) {
            failWithMessage("Expected a text message from '%s' but got a binary one of %d bytes: %s",
                    actual.service(), actual.binary().remaining(), hex(actual.bytes()));
        }
        return this;
    }

    /**
     * Checks that the message came in a binary frame.
     *
     * @return this assertion
     */
    public ReceivedMessageAssert isBinary() {
        isNotNull();
        if (!actual.isBinary()) {
            failWithMessage("Expected a binary message from '%s' but got text%n  %s", actual.service(), actual.text());
        }
        return this;
    }

    /**
     * Checks that the message is binary with exactly these bytes; a failure shows both in hex and where they first
     * differ.
     *
     * @param expected the expected payload bytes
     * @return this assertion
     */
    public ReceivedMessageAssert hasBytes(byte[] expected) {
        isBinary();
        byte[] found = actual.bytes();
        int mismatch = Arrays.mismatch(expected, found);
        if (mismatch >= 0) {
            failWithMessage("Expected %d bytes from '%s'%n  %s%nbut got %d bytes%n  %s%nfirst difference at index %d",
                    expected.length, actual.service(), hex(expected), found.length, hex(found), mismatch);
        }
        return this;
    }

    /** Hex of at most the first 64 bytes, so that a large payload keeps the failure message readable. */
    private static String hex(byte[] bytes) {
        String shown = HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(bytes.length, 64));
        return bytes.length > 64 ? shown + " ..." : shown;
    }

    /**
     * Checks which service sent the message.
     *
     * @param service the expected service name
     * @return this assertion
     */
    public ReceivedMessageAssert isFrom(String service) {
        isNotNull();
        if (!actual.service().equals(service)) {
            failWithMessage("Expected a message from '%s' but it came from '%s': %s", service, actual.service(),
                    actual);
        }
        return this;
    }
}
