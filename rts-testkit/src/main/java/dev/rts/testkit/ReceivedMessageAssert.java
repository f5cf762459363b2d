package dev.rts.testkit;

import dev.rts.json.internal.StrictJson;
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
