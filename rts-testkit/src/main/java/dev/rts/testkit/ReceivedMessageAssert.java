package dev.rts.testkit;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonParseException;
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
        isNotNull();
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
        isNotNull();
        JsonElement expected = JsonParser.parseString(expectedJson);
        JsonElement found;
        try {
            found = JsonParser.parseString(actual.text());
        } catch (JsonParseException e) {
            failWithMessage("Expected JSON from '%s' but got%n  %s", actual.service(), actual.text());
            return this;
        }
        if (!expected.equals(found)) {
            failWithMessage("Expected JSON from '%s' to be%n  %s%nbut was%n  %s", actual.service(), expected,
                    actual.text());
        }
        return this;
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
                    actual.text());
        }
        return this;
    }
}
