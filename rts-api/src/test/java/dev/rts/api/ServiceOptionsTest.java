package dev.rts.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceOptionsTest {

    @Test
    void requireNonePassesWithoutOptionsAndNamesTheBuilderOtherwise() {
        ServiceOptions.empty().requireNone("Score", "Score.builder().build()");

        assertThatThrownBy(() -> ServiceOptions.of(Map.of("size", 1, "color", "red"))
                .requireNone("Score", "Score.builder().maxAmount(...).build()"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Score takes no options map but was given [color, size]; configure it with "
                        + "Score.builder().maxAmount(...).build() and mount that service");
    }
}
