package org.x2go.backend.plain.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.x2go.spi.OutputBudget;

/**
 * Keeps what a command writes to one stream while its {@link OutputBudget} lasts. Past it, drops every
 * further byte and runs the overflow action once (closing the channel). Runs the event action after every
 * write and on close, so the exec's thread waits for events instead of polling. Never throws: JSch's session
 * thread writes here, and an exception there would be handled by JSch, not by the call.
 */
final class BoundedSink extends OutputStream {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final OutputBudget budget;
    private final Runnable onOverflow;
    private final Runnable onEvent;
    private boolean overflowed;

    /**
     * @param budget     the command's budget (shared with its other stream)
     * @param onOverflow run once, when a write does not fit
     * @param onEvent    run after every write and close
     */
    BoundedSink(OutputBudget budget, Runnable onOverflow, Runnable onEvent) {
        this.budget = budget;
        this.onOverflow = onOverflow;
        this.onEvent = onEvent;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        keep(b, off, len);
        onEvent.run();
    }

    private synchronized void keep(byte[] b, int off, int len) {
        if (overflowed) {
            return;
        }
        if (budget.exceeded() || !budget.take(len)) {
            overflowed = true;
            onOverflow.run();
            return;
        }
        buf.write(b, off, len);
    }

    /** End of this stream (EOF, or the channel closed): only an event. */
    @Override
    public void close() {
        onEvent.run();
    }

    /** @return what was kept, decoded as UTF-8 */
    synchronized String text() {
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** @return how many bytes were kept */
    synchronized int size() {
        return buf.size();
    }
}
