package org.x2go.backend.plain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.x2go.spi.OutputBudget;

/** The JSch transport's use of {@link OutputBudget}: its stdout and stderr sinks. */
class BoundedOutputTest {

    @Test
    void sinkKeepsBytesWhileTheSharedBudgetLastsAndReportsOverflowOnce() {
        OutputBudget b = new OutputBudget(5);
        AtomicInteger overflows = new AtomicInteger();
        BoundedSink one = new BoundedSink(b, overflows::incrementAndGet, () -> { });
        BoundedSink two = new BoundedSink(b, overflows::incrementAndGet, () -> { });
        one.write("abc".getBytes(StandardCharsets.UTF_8), 0, 3);
        two.write('d');
        two.write('e');
        assertThat(overflows).hasValue(0);
        assertThat(one.text()).isEqualTo("abc");
        assertThat(two.text()).isEqualTo("de");
        two.write('f');
        two.write('g');
        assertThat(overflows).hasValue(1);
        assertThat(two.size()).isEqualTo(2);
        // the other stream finds the budget spent and reports it too, once
        one.write('h');
        one.write('i');
        assertThat(overflows).hasValue(2);
        assertThat(one.text()).isEqualTo("abc");
    }

    @Test
    void everyWriteAndCloseIsAnEventEvenPastTheBudget() {
        AtomicInteger events = new AtomicInteger();
        BoundedSink sink = new BoundedSink(new OutputBudget(1), () -> { }, events::incrementAndGet);
        sink.write('a');
        sink.write('b');
        sink.close();
        assertThat(events).hasValue(3);
        assertThat(sink.text()).isEqualTo("a");
    }
}
