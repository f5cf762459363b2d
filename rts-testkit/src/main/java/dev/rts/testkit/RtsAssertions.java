package dev.rts.testkit;

/**
 * Entry point for RTS assertions, next to AssertJ's {@code Assertions}.
 */
public final class RtsAssertions {

    private RtsAssertions() {
    }

    /**
     * Starts assertions on a received message.
     *
     * @param actual the message
     * @return the assertion
     */
    public static ReceivedMessageAssert assertThat(ReceivedMessage actual) {
        return new ReceivedMessageAssert(actual);
    }
}
