package org.x2go.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The W6 harness's own arithmetic and formatting (the run itself is {@code x2go-bench/w6.sh --smoke}). */
class W6ScaleTest {

    @Test
    void nearestRankPercentiles() {
        List<Long> five = List.of(10L, 20L, 30L, 40L, 50L);
        assertThat(W6Client.percentile(five, 50)).isEqualTo(30L);
        assertThat(W6Client.percentile(five, 99)).isEqualTo(50L);
        assertThat(W6Client.percentile(List.of(7L), 50)).isEqualTo(7L);
        assertThatThrownBy(() -> W6Client.percentile(List.of(), 50)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClientResultLineIsParsedAndTabulated() {
        Map<String, String> r = W6Scale.parse("W6RESULT transport=MINA n=10 threads_live=31 tick_p50_ms=52.6");
        assertThat(r).containsEntry("transport", "MINA").containsEntry("n", "10").containsEntry("tick_p50_ms", "52.6");
        String table = W6Scale.table(List.of(r, Map.of("transport", "JSCH", "n", "10", "failed", "true")), 20, 5, 16);
        assertThat(table).contains("| MINA | 10 | 31 |").contains("| JSCH | 10 | FAILED |")
                .contains("20 ms per command, guardian every 5 s, refresh concurrency 16");
    }
}
