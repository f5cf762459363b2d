package dev.rts.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class FrameCodecTest {

    // ---- decoding: service id ----

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
        "abc                   # Malformed frame: expected '<serviceId>|<payload>' but found no '|' in 'abc'",
        "\"\"                  # Malformed frame: expected '<serviceId>|<payload>' but found no '|' in ''",
        "|payload              # Malformed frame: expected a service id but found nothing before '|'",
        "||                    # Malformed frame: expected a service id but found nothing before '|'",
        "x|1|{}                # Malformed frame: expected a numeric service id but found 'x'",
        "-1|payload            # Malformed frame: expected a numeric service id but found '-1'",
        "+1|payload            # Malformed frame: expected a numeric service id but found '+1'",
        "\" 1|payload\"        # Malformed frame: expected a numeric service id but found ' 1'",
        "1.5|payload           # Malformed frame: expected a numeric service id but found '1.5'",
        "١|payload             # Malformed frame: expected a numeric service id but found '١'",
        "65536|payload         # Malformed frame: service id 65536 is out of range (0 to 65535)",
        "9999999999999999|x    # Malformed frame: service id 9999999999999999 is out of range (0 to 65535)",
        "12345678901234567|x   # Malformed frame: service id '12345678901234567' is out of range",
        "99999999999999999999|1|{} # Malformed frame: service id '99999999999999999999' is out of range",
    })
    void malformedServiceIdIsRejectedWithoutAServiceId(String frame, String message) {
        for (boolean callbacks : new boolean[] {false, true}) {
            assertThatThrownBy(() -> FrameCodec.decode(frame, callbacks))
                    .isInstanceOf(MalformedFrameException.class)
                    .hasMessage(message)
                    .satisfies(e -> assertThat(((MalformedFrameException) e).serviceId()).isEqualTo(-1));
        }
        assertThatThrownBy(() -> FrameCodec.serviceId(frame)).hasMessage(message);
    }

    @Test
    void aLongNonNumericServiceIdIsReportedAsNonNumericNotAsOutOfRange() {
        assertThatThrownBy(() -> FrameCodec.serviceId("subscribe-to-news|{}"))
                .hasMessage("Malformed frame: expected a numeric service id but found 'subscribe-to-news'");
    }

    @Test
    void longFramesAreQuotedShortenedToFortyCharacters() {
        String frame = "a".repeat(39) + "bcdefghij";
        assertThatThrownBy(() -> FrameCodec.serviceId(frame))
                .hasMessage("Malformed frame: expected '<serviceId>|<payload>' but found no '|' in '"
                        + "a".repeat(39) + "b...'");
    }

    @Test
    void serviceIdReadsOnlyTheFirstField() {
        assertThat(FrameCodec.serviceId("0|not|checked")).isZero();
        assertThat(FrameCodec.serviceId("65535|")).isEqualTo(65_535);
    }

    @Test
    void leadingZerosAreAcceptedInBothIds() {
        assertThat(FrameCodec.decode("007|x", false)).isEqualTo(new Frame(7, 0, "x"));
        assertThat(FrameCodec.decode("0000000000000003|0042|x", true)).isEqualTo(new Frame(3, 42, "x"));
    }

    // ---- decoding: callback field ----

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
        "1|{a:1}               # Malformed frame: service 1 uses callbacks, so expected '1|<callbackId>|<payload>' "
                + "(callbackId may be empty) but found no second '|' in '1|{a:1}'",
        "1|                    # Malformed frame: service 1 uses callbacks, so expected '1|<callbackId>|<payload>' "
                + "(callbackId may be empty) but found no second '|' in '1|'",
        "1|abc|{}              # Malformed frame: expected a numeric callback id but found 'abc'",
        "1|-5|{}               # Malformed frame: expected a numeric callback id but found '-5'",
        "1|1e3|{}              # Malformed frame: expected a numeric callback id but found '1e3'",
        "1|0|{}                # Malformed frame: callback id must be a positive integer or empty but was '0'",
        "1|000|{}              # Malformed frame: callback id must be a positive integer or empty but was '000'",
        "1|9007199254740992|{} # Malformed frame: callback id 9007199254740992 is out of range (1 to 9007199254740991)",
        "1|9999999999999999|{} # Malformed frame: callback id 9999999999999999 is out of range (1 to 9007199254740991)",
        "1|18446744073709551616|{} # Malformed frame: callback id '18446744073709551616' is out of range",
        "1|callback-for-login|{}   # Malformed frame: expected a numeric callback id but found 'callback-for-login'",
    })
    void malformedCallbackFieldIsRejectedNamingTheService(String frame, String message) {
        assertThatThrownBy(() -> FrameCodec.decode(frame, true))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((MalformedFrameException) e).serviceId()).isEqualTo(1));
    }

    @Test
    void largestCallbackIdIsTheLargestExactJavaScriptInteger() {
        assertThat(FrameCodec.MAX_CALLBACK_ID).isEqualTo((1L << 53) - 1);
        assertThat(FrameCodec.decode("2|9007199254740991|x", true))
                .isEqualTo(new Frame(2, 9_007_199_254_740_991L, "x"));
    }

    @Test
    void emptyCallbackFieldMeansNoCallback() {
        Frame frame = FrameCodec.decode("4||{\"a\":1}", true);
        assertThat(frame).isEqualTo(new Frame(4, FrameCodec.NO_CALLBACK, "{\"a\":1}"));
        assertThat(frame.hasCallback()).isFalse();
        assertThat(FrameCodec.decode("4|12|x", true).hasCallback()).isTrue();
    }

    @Test
    void withoutCallbacksTheSecondFieldIsPartOfThePayload() {
        assertThat(FrameCodec.decode("3|12|x", false)).isEqualTo(new Frame(3, 0, "12|x"));
    }

    // ---- decoding: payload ----

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
        "5|             # false # 0 # \"\"",
        "5||            # true  # 0 # \"\"",
        "5|7|           # true  # 7 # \"\"",
        "5|a|b|c        # false # 0 # a|b|c",
        "5|7|a|b|       # true  # 7 # a|b|",
        "5|||           # true  # 0 # |",
        "5|| |          # false # 0 # | |",
    })
    void payloadIsTheRestOfTheFrameKeptWhole(String frame, boolean callbacks, long callbackId, String payload) {
        assertThat(FrameCodec.decode(frame, callbacks)).isEqualTo(new Frame(5, callbackId, payload));
    }

    @Test
    void jsonPayloadWithBarsIsKeptWhole() {
        String payload = "{\"c\":\"discover\",\"p\":{\"q\":\"a|b||c\"}}";
        assertThat(FrameCodec.decode("0|9|" + payload, true)).isEqualTo(new Frame(0, 9, payload));
    }

    @Test
    void unicodePayloadIsKeptIntact() {
        String payload = "héllo | 世界 😀 \u0000 \u2028";
        assertThat(FrameCodec.decode("9|" + payload, false).payload()).isEqualTo(payload);
        assertThat(FrameCodec.decode("9|3|" + payload, true).payload()).isEqualTo(payload);
    }

    // ---- encoding ----

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
        "3|a|b                 # 3     # false # 0                # a|b",
        "3||x                  # 3     # true  # 0                # x",
        "3|42|x                # 3     # true  # 42               # x",
        "0||                   # 0     # true  # 0                # \"\"",
        "65535|9007199254740991|{} # 65535 # true # 9007199254740991 # {}",
        "12|                   # 12    # false # 0                # \"\"",
    })
    void encodeWritesTheFieldsAndDecodeReadsThemBack(String text, int serviceId, boolean callbacks, long callbackId,
                                                    String payload) {
        assertThat(FrameCodec.encode(serviceId, callbacks, callbackId, payload)).isEqualTo(text);
        assertThat(FrameCodec.decode(text, callbacks)).isEqualTo(new Frame(serviceId, callbackId, payload));
    }

    @Test
    void encodedUnicodePayloadRoundTrips() {
        String payload = "{\"msg\":\"Grüße | 😀\"}";
        String text = FrameCodec.encode(7, true, 99, payload);
        assertThat(text).isEqualTo("7|99|" + payload);
        assertThat(FrameCodec.decodeUtf8(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
        assertThat(FrameCodec.decode(text, true)).isEqualTo(new Frame(7, 99, payload));
    }

    @Test
    void encodeRejectsACallbackIdForAServiceWithoutCallbacks() {
        assertThatThrownBy(() -> FrameCodec.encode(3, false, 5, "x"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service 3 does not use callbacks, so it cannot send callback id 5");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65_536, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void encodeRejectsAServiceIdOutOfRange(int serviceId) {
        assertThatThrownBy(() -> FrameCodec.encode(serviceId, false, 0, "x"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service id must be between 0 and 65535 but was " + serviceId);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 9_007_199_254_740_992L, Long.MAX_VALUE})
    void encodeRejectsACallbackIdOutOfRange(long callbackId) {
        assertThatThrownBy(() -> FrameCodec.encode(1, true, callbackId, "x"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Callback id must be between 0 and 9007199254740991 but was " + callbackId);
    }

    // ---- Frame ----

    @Test
    void frameRejectsNegativeServiceIdsAndCallbackIdsOutOfRange() {
        assertThatThrownBy(() -> new Frame(-1, 0, ""))
                .hasMessage("Service id must be 0 or more but was -1");
        assertThatThrownBy(() -> new Frame(1, -1, ""))
                .hasMessage("Callback id must be between 0 and 9007199254740991 but was -1");
        assertThatThrownBy(() -> new Frame(1, FrameCodec.MAX_CALLBACK_ID + 1, ""))
                .hasMessage("Callback id must be between 0 and 9007199254740991 but was 9007199254740992");
        assertThatThrownBy(() -> new Frame(1, 0, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("payload");
    }

    // ---- UTF-8 ----

    @Test
    void decodeUtf8AcceptsValidTextIncludingFourByteCharacters() {
        String text = "1|2|aé€😀𝄞";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(5 + 2 + 3 + 4 + 4);
        assertThat(FrameCodec.decodeUtf8(bytes)).isEqualTo(text);
        assertThat(FrameCodec.decodeUtf8(new byte[0])).isEmpty();
        assertThat(FrameCodec.decodeUtf8(HexFormat.of().parseHex("f48fbfbf"))).isEqualTo("\udbff\udfff");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "31 7c 80",          // lone continuation byte
        "31 7c e4 b8",       // truncated three-byte sequence
        "f0 9f 98",          // truncated four-byte sequence
        "c3",                // truncated two-byte sequence at the end
        "c0 af",             // overlong encoding of '/'
        "e0 80 af",          // overlong three-byte encoding of '/'
        "ed a0 80",          // UTF-16 surrogate U+D800
        "ed bf bf",          // UTF-16 surrogate U+DFFF
        "f4 90 80 80",       // above U+10FFFF
        "ff",                // never valid
        "61 fe 62",          // never valid, between valid bytes
    })
    void decodeUtf8RejectsInvalidSequences(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        assertThatThrownBy(() -> FrameCodec.decodeUtf8(bytes))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Malformed frame: text frames must be valid UTF-8")
                .satisfies(e -> assertThat(((MalformedFrameException) e).serviceId()).isEqualTo(-1));
    }

    @Test
    void malformedFrameExceptionIsAnIllegalArgumentException() {
        assertThatThrownBy(() -> FrameCodec.serviceId("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appendHeaderWritesWhatEncodeWritesBeforeThePayload() {
        StringBuilder out = new StringBuilder("kept:");
        FrameCodec.appendHeader(out, 3, true, 7).append("{}");
        assertThat(out).hasToString("kept:3|7|{}");
        assertThat(FrameCodec.appendHeader(new StringBuilder(), 3, true, 0)).hasToString("3||");
        assertThat(FrameCodec.appendHeader(new StringBuilder(), 3, false, 0)).hasToString("3|");
        assertThatThrownBy(() -> FrameCodec.appendHeader(new StringBuilder(), 3, false, 7))
                .hasMessage("Service 3 does not use callbacks, so it cannot send callback id 7");
    }
}
