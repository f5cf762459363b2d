package dev.rts.json.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class StrictJsonTest {

    record Point(int x, int y) {
    }

    private final StrictJson json = StrictJson.instance();

    @Test
    void decodesObjectsKeepingWholeNumbersWhole() {
        Object decoded = json.parse("{\"a\":1,\"b\":1.5,\"c\":[true,null],\"d\":\"<x>\"}");

        assertThat(decoded).isEqualTo(Map.of("a", 1L, "b", 1.5, "c", Arrays.asList(true, null), "d", "<x>"));
    }

    @Test
    void encodesWithoutHtmlEscapingAndWithoutNullFields() {
        assertThat(json.encode(Map.of("html", "<b>&'</b>"))).isEqualTo("{\"html\":\"<b>&'</b>\"}");
        assertThat(json.encode(new Point(1, 2))).isEqualTo("{\"x\":1,\"y\":2}");
    }

    @Test
    void unquotedNamesAndNaNAreRejectedInRtsWords() {
        assertThatThrownBy(() -> json.decode("{c:connect,sessionId:NaN}", Map.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Malformed JSON at line 1 column 3; names and strings take double quotes, and comments, "
                        + "trailing commas, NaN and Infinity are not JSON");
        assertThatThrownBy(() -> json.decode("{\"c\":\"connect\",\"n\":NaN}", Map.class))
                .hasMessageStartingWith("Malformed JSON at line 1 column 20;");
        assertThatThrownBy(() -> json.decode("{'a':1}", Map.class)).hasMessageStartingWith("Malformed JSON");
        assertThatThrownBy(() -> json.decode("{\"a\":1,}", Map.class)).hasMessageStartingWith("Malformed JSON");
        assertThatThrownBy(() -> json.decode("{\"a\":1} trailing", Map.class))
                .hasMessageStartingWith("Malformed JSON");
    }

    @Test
    void textThatIsNotJsonSaysWhatWasExpected() {
        assertThatThrownBy(() -> json.decode("hello", Map.class))
                .hasMessage("Expected a JSON object but found 'hello'");
        assertThatThrownBy(() -> json.decode("", Point.class))
                .hasMessage("Expected a JSON object but found an empty text");
        assertThatThrownBy(() -> json.decode("x".repeat(100), List.class))
                .hasMessage("Expected a JSON array but found '" + "x".repeat(40) + "...'");
    }

    @Test
    void wrongKindsNameTheKindsAndThePath() {
        assertThatThrownBy(() -> json.decode("\"str\"", Map.class))
                .hasMessage("Expected a JSON object but found a string at line 1 column 2");
        assertThatThrownBy(() -> json.decode("{\"x\":true,\"y\":1}", Point.class))
                .hasMessage("Expected an int but found a boolean at $.x, line 1 column 10");
        assertThatThrownBy(() -> json.decode("{\"x\":1.5,\"y\":1}", Point.class))
                .hasMessage("Expected an int but found 1.5 at $.x, line 1 column 9");
        assertThatThrownBy(() -> json.decode("{\"x\":\"a\",\"y\":1}", Point.class))
                .hasMessage("Expected a number but found \"a\"");
        assertThatThrownBy(() -> json.decode("{\"x\":", Point.class))
                .hasMessage("Malformed JSON: the text ends before the value is complete at $.x, line 1 column 6");
    }

    @Test
    void convertsDecodedValuesWithTheSameWording() {
        Point point = json.convert(Map.of("x", 1L, "y", 2L), Point.class);
        assertThat(point).isEqualTo(new Point(1, 2));
        assertThatThrownBy(() -> json.convert(List.of(Map.of("x", true)), Point[].class))
                .hasMessage("Expected a number but found a boolean at $[0].x");
    }

    @Test
    void notFiniteNumbersCannotBeEncoded() {
        assertThatThrownBy(() -> json.encode(List.of(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot encode a List12 holding NaN or Infinity: JSON has only finite numbers");
    }

    @Test
    void noMessageLeaksTheParsersVocabulary() {
        for (String text : List.of("{c:1}", "[1,", "\"s\"", "{\"x\":[]}", "1e400", "{\"a\":1}}")) {
            assertThatThrownBy(() -> json.decode(text, Point.class))
                    .message()
                    .doesNotContain("Strictness", "LENIENT", "BEGIN_", "JsonReader", "github", "Exception");
        }
    }
}
