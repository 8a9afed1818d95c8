package org.x2go.testkit.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A text sink for one output stream of a fake command. */
public interface Output {
    /** @param text text to write */
    void write(String text);

    /** Discards everything, like {@code /dev/null}. */
    Output NULL = text -> { };

    /**
     * @param out    the channel stream
     * @param crlf   whether to send {@code \r\n} line endings (a scripted quirk)
     * @return a sink that writes UTF-8 and flushes each write
     */
    static Output of(OutputStream out, boolean crlf) {
        return text -> {
            try {
                String t = crlf ? text.replace("\r\n", "\n").replace("\n", "\r\n") : text;
                out.write(t.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("client channel closed", e);
            }
        };
    }

    /**
     * @param buffer where to append
     * @return a capturing sink
     */
    static Output of(StringBuilder buffer) {
        return text -> {
            synchronized (buffer) {
                buffer.append(text);
            }
        };
    }
}
