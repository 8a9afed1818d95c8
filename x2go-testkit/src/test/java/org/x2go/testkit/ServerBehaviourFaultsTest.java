package org.x2go.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ServerBehaviourFaultsTest {

    private final ServerBehaviour b = new ServerBehaviour();

    @Test
    void faultAppliesToLinesContainingItsFragmentOnly() {
        b.hang("x2gostartagent");
        assertThat(b.faultFor("x2gostartagent 800x600")).extracting(ServerBehaviour.Fault::kind)
                .isEqualTo(ServerBehaviour.FaultKind.HANG);
        assertThat(b.faultFor("x2golistsessions")).isNull();
    }

    @Test
    void theFaultSetLastWinsWhenSeveralFragmentsMatch() {
        b.floodStdout("x2go").floodStderr("list").trickle("x2go", 3, Duration.ofMillis(5));
        ServerBehaviour.Fault f = b.faultFor("x2golistsessions");
        assertThat(f.kind()).isEqualTo(ServerBehaviour.FaultKind.TRICKLE);
        assertThat(f.chunk()).isEqualTo(3);
        assertThat(f.interval()).isEqualTo(Duration.ofMillis(5));
        b.omitEndMarker("list");
        assertThat(b.faultFor("x2golistsessions").kind()).isEqualTo(ServerBehaviour.FaultKind.OMIT_END_MARKER);
    }

    @Test
    void clearFaultAndResetRemoveFaults() {
        b.dropConnectionMidCommand("a").floodStdout("b");
        b.clearFault("a");
        assertThat(b.faultFor("a")).isNull();
        assertThat(b.faultFor("b").kind()).isEqualTo(ServerBehaviour.FaultKind.FLOOD_STDOUT);
        b.reset();
        assertThat(b.faultFor("b")).isNull();
    }

    @Test
    void trickleRejectsBadChunkAndInterval() {
        assertThatThrownBy(() -> b.trickle("x", 0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunkBytes");
        assertThatThrownBy(() -> b.trickle("x", 1, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
        assertThatThrownBy(() -> b.hang(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("fragment");
        assertThat(b.trickle("x", 1, Duration.ZERO).faultFor("x").chunk()).isEqualTo(1);
    }
}
