package dev.rts.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonKindTest {

    @Test
    void decodedValuesAreNamedInJsonTermsNotJavaClassNames() {
        assertThat(Json.kindOf(null)).isEqualTo("null");
        assertThat(Json.kindOf("x")).isEqualTo("a string");
        assertThat(Json.kindOf(42L)).isEqualTo("a number");
        assertThat(Json.kindOf(1.5)).isEqualTo("a number");
        assertThat(Json.kindOf(true)).isEqualTo("a boolean");
        assertThat(Json.kindOf(List.of(1))).isEqualTo("an array");
        assertThat(Json.kindOf(new Object[0])).isEqualTo("an array");
        assertThat(Json.kindOf(Map.of("a", 1))).isEqualTo("an object");
        assertThat(Json.kindOf(new Object())).isEqualTo("not JSON");
    }
}
