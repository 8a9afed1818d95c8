package org.x2go.backend.plain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.x2go.spi.OutputBudget;

/** The JSch transport's use of {@link OutputBudget}: its stderr sink and its bounded stdout read. */
class BoundedOutputTest {

    @Test
    void sinkKeepsBytesWhileTheSharedBudgetLastsAndReportsOverflowOnce() {
        OutputBudget b = new OutputBudget(5);
        AtomicInteger overflows = new AtomicInteger();
        BoundedSink one = new BoundedSink(b, overflows::incrementAndGet);
        BoundedSink two = new BoundedSink(b, overflows::incrementAndGet);
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
    void readBoundedCopiesAStreamThatFitsAndStopsAtTheLimit() throws IOException {
        byte[] data = new byte[100_000];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JschRemoteShell.readBounded(new ByteArrayInputStream(data), out, new OutputBudget(data.length));
        assertThat(out.size()).isEqualTo(data.length);

        ByteArrayOutputStream cut = new ByteArrayOutputStream();
        OutputBudget small = new OutputBudget(data.length - 1);
        JschRemoteShell.readBounded(new ByteArrayInputStream(data), cut, small);
        assertThat(small.exceeded()).isTrue();
        assertThat(cut.size()).isLessThan(data.length);
    }

    @Test
    void readBoundedReadsNothingOnceTheOtherStreamSpentTheBudget() throws IOException {
        OutputBudget b = new OutputBudget(1);
        b.take(2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[10]);
        JschRemoteShell.readBounded(in, out, b);
        assertThat(out.size()).isZero();
        assertThat(in.available()).isEqualTo(10);
    }
}
