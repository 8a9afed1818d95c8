package org.x2go.backend.plain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.x2go.api.X2GoProtocolException;
import org.x2go.backend.plain.X2GoCommands;

/**
 * {@link Framing#extract} takes a copy-free path for clean output; whatever the output, it must answer
 * exactly as the line-by-line algorithm (kept here as the reference) does.
 */
class FramingPropertyTest {
    private static final Pattern LOCALE_START = Pattern.compile("^perl: ?warning: ?Setting ?locale ?failed\\.?\\s*$");
    private static final Pattern LOCALE_END = Pattern.compile("^perl: ?warning: ?Falling ?back ?to.*$");

    @Property(tries = 2000)
    void answersAsTheLineByLineAlgorithm(@ForAll("outputs") String stdout) {
        String expected;
        try {
            expected = reference(stdout, "id");
        } catch (X2GoProtocolException e) {
            expected = "ERROR";
        }
        String actual;
        try {
            actual = Framing.extract(stdout, "id", "cmd");
        } catch (X2GoProtocolException e) {
            actual = "ERROR";
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> outputs() {
        List<String> pieces = List.of(X2GoCommands.BEGIN_MARKER + "id", X2GoCommands.END_MARKER + "id",
                X2GoCommands.BEGIN_MARKER + "idx", X2GoCommands.END_MARKER + "other", "perl: warning: Setting locale failed.",
                "perl: warning: Falling back to the standard locale (\"C\").", "perl", "noise", "a|b|c", "", " ",
                "\r", "\n", "\n", "\n", "\r\n");
        return Arbitraries.of(pieces).list().ofMaxSize(24).map(l -> String.join("", l.stream()
                .map(p -> p.startsWith("\r") || p.startsWith("\n") || p.isEmpty() ? p : p + (p.length() % 3 == 0 ? "" : "\n"))
                .toList()));
    }

    /** The line-by-line algorithm (without its log line). */
    private static String reference(String stdout, String id) {
        String begin = X2GoCommands.BEGIN_MARKER + id;
        String end = X2GoCommands.END_MARKER + id;
        String[] lines = stdout.split("\n", -1);
        int i = 0;
        while (i < lines.length && !stripCr(lines[i]).startsWith(begin)) {
            i++;
        }
        if (i == lines.length) {
            throw new X2GoProtocolException("no begin");
        }
        StringBuilder body = new StringBuilder();
        for (i = i + 1; i < lines.length; i++) {
            String line = stripCr(lines[i]);
            int endAt = line.indexOf(end);
            if (endAt >= 0) {
                return body.append(line, 0, endAt).toString();
            }
            if (LOCALE_START.matcher(line).matches()) {
                int rest = 0;
                for (int n = 1; n <= 8 && i + n < lines.length; n++) {
                    if (LOCALE_END.matcher(stripCr(lines[i + n])).matches()) {
                        rest = n;
                        break;
                    }
                }
                if (rest > 0) {
                    i += rest;
                    continue;
                }
            }
            body.append(line).append('\n');
        }
        throw new X2GoProtocolException("no end");
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
