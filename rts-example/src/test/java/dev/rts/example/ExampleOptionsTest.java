package dev.rts.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExampleOptionsTest {

    @Test
    void defaultsToPort3001InDevelopment() {
        assertThat(ExampleOptions.parse()).isEqualTo(new ExampleOptions("0.0.0.0", 3001, false));
    }

    @Test
    void readsPortAndProduction() {
        assertThat(ExampleOptions.parse("--port", "8080", "--production"))
                .isEqualTo(new ExampleOptions("0.0.0.0", 8080, true));
        assertThat(ExampleOptions.parse("--port=0").port()).isZero();
    }

    @Test
    void rejectsAPortThatIsNotANumber() {
        assertThatThrownBy(() -> ExampleOptions.parse("--port", "http"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--port must be a number from 0 to 65535 but was 'http'");
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThatThrownBy(() -> ExampleOptions.parse("--port=65536"))
                .hasMessage("--port must be a number from 0 to 65535 but was '65536'");
        assertThatThrownBy(() -> ExampleOptions.parse("--port", "-1"))
                .hasMessage("--port must be a number from 0 to 65535 but was '-1'");
    }

    @Test
    void rejectsAMissingPortValue() {
        assertThatThrownBy(() -> ExampleOptions.parse("--port"))
                .hasMessage("--port needs a value, such as --port 3001");
    }

    @Test
    void rejectsUnknownArguments() {
        assertThatThrownBy(() -> ExampleOptions.parse("--prod"))
                .hasMessage("Unknown argument '--prod'; expected --port N or --production");
    }
}
