package dev.rts.json.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The short path for plain values must give exactly what Gson gives under the codec's settings: the same values
 * when reading, the same text when writing, and Gson's answer (value or error) for everything it leaves alone.
 */
@Timeout(30)
class PlainCodecTest {

    record Point(int x, int y) {
    }

    enum Colour { RED }

    private static final Gson REFERENCE = new GsonBuilder()
            .setStrictness(Strictness.STRICT)
            .disableHtmlEscaping()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .create();

    private final StrictJson json = StrictJson.instance();

    @Test
    void readsPlainTextToTheValuesGsonReads() {
        for (String text : List.of("{\"m\":\"bench.echo\",\"p\":[\"hello\"]}", " [1, -0, 2.5, 1e3, -1.5E-2, 0] ",
                "{\"a\":{\"b\":[true,false,null,{}]},\"c\":[]}", "\"esc \\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9\\u2028\"",
                "12345678901234567890", "-9223372036854775808", "9223372036854775807", "123456789012345678",
                "{\"a\":null,\"b\":1}", "null", "true", "\"\"", "\"caf\u00e9 \ud83d\ude00\"", "1E+2")) {
            Object expected = REFERENCE.fromJson(text, Object.class);
            assertThat(PlainReader.read(text)).as(text).isNotSameAs(PlainReader.DECLINED).isEqualTo(expected);
            assertThat((Object) json.decode(text, Object.class)).as(text).isEqualTo(expected);
        }
        assertThat((Object) json.decode("{\"n\":42}", Map.class)).isEqualTo(Map.of("n", 42L));
        assertThat((Object) json.decode("[1]", List.class)).isEqualTo(List.of(1L));
    }

    @Test
    void leavesEverythingUnusualToGson() {
        for (String text : List.of("{a:1}", "{'a':1}", "[1,]", "{\"a\":1,}", "[01]", "[1.]", "[.5]", "[+1]", "[1e]",
                "NaN", "[Infinity]", "1e400", "\"tab\there\"", "\"\\x\"", "\"\\u12g4\"", "[1] x", "{\"a\":1}}",
                "{\"a\":1,\"a\":2}", "[truex]", "[nul]", "\"open", "[", "", "  ", "\ufeff{}", "[1 2]",
                "[".repeat(100) + "]".repeat(100), "{\"a\" 1}", "{\"a\":1 \"b\":2}", "[-]", "[1.5e3.2]")) {
            assertThat(PlainReader.read(text)).as(text).isSameAs(PlainReader.DECLINED);
        }
        // Gson's own answers for what the short path left: values where Gson takes them, errors in RTS's words.
        assertThat((Object) json.decode("{\"a\":1,\"a\":2}", Object.class)).isEqualTo(Map.of("a", 2L));
        assertThatThrownBy(() -> json.decode("{\"a\":1,\"a\":2}", Map.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat((Object) json.decode("[".repeat(100) + "]".repeat(100), Object.class)).isInstanceOf(List.class);
        assertThatThrownBy(() -> json.decode("[1,]", Object.class)).hasMessageStartingWith("Malformed JSON");
        assertThatThrownBy(() -> json.decode("1e400", Object.class))
                .hasMessage("Expected a finite number but found Infinity");
    }

    @Test
    void typedTargetsStillGoThroughGson() {
        assertThat((Object) json.decode("{\"x\":1,\"y\":2}", Point.class)).isEqualTo(new Point(1, 2));
        assertThat((Object) json.decode("5", String.class)).isEqualTo("5");
        assertThat((Object) json.decode("null", Map.class)).isNull();
    }

    @Test
    void writesPlainValuesAsGsonWritesThem() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("s", "quote \" backslash \\ control \u0001\u001f tab\t nl\n <html> & ' \u2028\u2029 \u00e9 \ud83d\ude00");
        map.put("skipped", null);
        map.put("i", 1);
        map.put("l", Long.MIN_VALUE);
        map.put("sh", (short) -3);
        map.put("b", (byte) 7);
        map.put("d", 1.0);
        map.put("d2", 1.0E-7);
        map.put("d3", 123456789.123);
        map.put("f", 2.5f);
        map.put("t", true);
        map.put("list", Arrays.asList(1, null, "x", List.of()));
        map.put("set", new TreeSet<>(Set.of("b", "a")));
        map.put("record", new Point(3, 4));
        map.put("enum", Colour.RED);
        map.put("nested", Map.of("k", Map.of()));
        map.put("anonymous", new Object() { });
        for (Object value : List.of(map, List.of(map), "plain", List.of(new Point(1, 2)), Map.of(1, "intKey"))) {
            assertThat(json.encode(value)).isEqualTo(REFERENCE.toJson(value));
        }
    }

    @Test
    void encodingFailuresNameTheValueTheCallerPassed() {
        assertThatThrownBy(() -> json.encode(List.of(Map.of("d", Double.NaN))))
                .hasMessage("Cannot encode a List12 holding NaN or Infinity: JSON has only finite numbers");
        StringBuilder out = new StringBuilder("1|");
        assertThatThrownBy(() -> json.encodeTo(out, Map.of("d", Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(out).hasToString("1|");
    }

    @Test
    void randomPlainValuesSurviveARoundTripIdenticallyToGson() {
        Random random = new Random(12);
        for (int i = 0; i < 2_000; i++) {
            Object value = randomValue(random, 0);
            String text = json.encode(value);
            assertThat(text).isEqualTo(REFERENCE.toJson(value));
            assertThat((Object) json.decode(text, Object.class)).isEqualTo(REFERENCE.fromJson(text, Object.class));
        }
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong() >> random.nextInt(64);
            case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 4, 5 -> randomString(random);
            case 6 -> {
                List<Object> list = new ArrayList<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    map.put(randomString(random), randomValue(random, depth + 1));
                }
                yield map;
            }
        };
    }

    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(8); n > 0; n--) {
            int pick = random.nextInt(10);
            s.append(pick < 6 ? (char) ('a' + random.nextInt(26)) : pick < 8 ? (char) random.nextInt(0x80)
                    : (char) random.nextInt(0x3000));
        }
        return s.toString();
    }
}
