package org.x2go.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConnectOptionsTest {

    @Test
    void commandOutputIsLimitedTo64MiBByDefault() {
        ConnectOptions o = ConnectOptions.builder("127.0.0.1", "u").build();
        assertThat(o.maxCommandOutput()).isEqualTo(64L * 1024 * 1024).isEqualTo(ConnectOptions.DEFAULT_MAX_COMMAND_OUTPUT);
    }

    @Test
    void commandOutputLimitIsConfigurableAndSurvivesToBuilder() {
        ConnectOptions o = ConnectOptions.builder("127.0.0.1", "u").maxCommandOutput(4096).build();
        assertThat(o.maxCommandOutput()).isEqualTo(4096);
        assertThat(o.toBuilder().build().maxCommandOutput()).isEqualTo(4096);
    }

    @Test
    void nonPositiveCommandOutputLimitIsRejectedByName() {
        assertThatThrownBy(() -> ConnectOptions.builder("h", "u").maxCommandOutput(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxCommandOutput");
        assertThatThrownBy(() -> ConnectOptions.builder("h", "u").maxCommandOutput(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxCommandOutput");
        assertThat(ConnectOptions.builder("h", "u").maxCommandOutput(1).build().maxCommandOutput()).isEqualTo(1);
    }

    @Test
    void constructorWithoutTheLimitUsesTheDefault() {
        ConnectOptions o = new ConnectOptions("h", 22, "u", Optional.empty(), List.of(), Optional.empty(), false,
                Path.of("/kh"), HostKeyPolicy.STRICT, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ZERO);
        assertThat(o.maxCommandOutput()).isEqualTo(ConnectOptions.DEFAULT_MAX_COMMAND_OUTPUT);
        assertThat(o.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
    }
}
