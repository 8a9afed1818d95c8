package org.x2go.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Measures build + start + close of the fake server (median of 20) and keeps it fast. */
class StartupTimeTest {

    @Test
    void medianStartIsFast() throws Exception {
        List<Long> micros = new ArrayList<>();
        long first = -1;
        for (int i = 0; i < 21; i++) {
            long t0 = System.nanoTime();
            try (FakeX2GoServer s = FakeX2GoServer.builder().build().start()) {
                long t = (System.nanoTime() - t0) / 1000;
                assertThat(s.port()).isPositive();
                if (i == 0) {
                    first = t;
                } else {
                    micros.add(t);
                }
            }
        }
        Collections.sort(micros);
        long median = micros.get(micros.size() / 2);
        System.out.printf("fake server start: first (cold JVM) %d ms, median of 20 warm %.1f ms, min %.1f, max %.1f%n",
                first / 1000, median / 1000.0, micros.get(0) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
        assertThat(median).as("median start in microseconds").isLessThan(1_000_000);
    }
}
