package org.x2go.settings.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ProfileIdsConcurrencyTest {

    /** Stores of one file in several threads check only their own copy: the JVM must never hand out an ID twice. */
    @Test
    void threadsOnTheSameMicrosecondNeverGetTheSameId() throws Exception {
        Clock frozen = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (int t = 0; t < 8; t++) {
                pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 100; i++) {
                        ids.add(ProfileIds.generate(frozen, id -> false)); // each thread's own copy is empty
                    }
                    return null;
                });
            }
            go.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(ids).hasSize(800);
        assertThat(ids).allMatch(id -> id.matches("\\d{20}"));
    }
}
