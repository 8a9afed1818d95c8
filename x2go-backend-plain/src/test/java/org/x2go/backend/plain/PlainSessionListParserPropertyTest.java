package org.x2go.backend.plain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.x2go.api.SafeText;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;

/**
 * The PLAIN list parser against junk: valid {@code x2golistsessions} lines (the real server's 16-field
 * format, real-server README §3.5, and the 14-field format of older servers) mixed with arbitrary junk —
 * CR, NUL, controls, invalid UTF-8 decoded to U+FFFD, lines of up to a few MB, too few fields, non-numeric
 * PIDs/displays/ports, empty names, half-started sessions — never make it throw, every valid session comes
 * out with all its fields intact and in order, and every diagnostic stays bounded.
 */
class PlainSessionListParserPropertyTest {
    /**
     * A message quotes at most an excerpt of the line and one of the bad field; an escaped character takes at
     * most 6 characters ({@code \\uXXXX}).
     */
    private static final int MESSAGE_BOUND = 6 * (SafeText.DEFAULT_EXCERPT + PlainSessionInfoParser.FIELD_EXCERPT) + 200;
    private static final Map<Character, ServerSessionStatus> STATUS = Map.of('R', ServerSessionStatus.RUNNING,
            'S', ServerSessionStatus.SUSPENDED, 'T', ServerSessionStatus.TERMINATED, 'F', ServerSessionStatus.FAILED);

    /** One valid line and the session it must give (its name made unique by the caller's index). */
    record Valid(String line, SessionInfo expected) {
        Valid named(int index) {
            String name = expected.name() + "-" + index;
            String[] f = line.split("\\|", -1);
            f[1] = name;
            SessionInfo e = expected;
            return new Valid(String.join("|", f), new SessionInfo(e.agentPid(), name, e.display(), e.hostname(),
                    e.status(), e.createdAt(), e.cookie(), e.clientIp(), e.graphicsPort(), e.soundPort(),
                    e.lastChangedAt(), e.username(), e.ageSeconds(), e.sshfsPort(), e.tekiCtrlPort(),
                    e.tekiDataPort()));
        }
    }

    /** Free text of a field: anything but '|' and line ends (surrounding blanks are allowed: the parser strips). */
    private static Arbitrary<String> fieldText() {
        return Arbitraries.strings().all().ofMaxLength(12)
                .map(s -> s.replace('|', '/').replace('\n', ' ').replace('\r', ' '));
    }

    private static Arbitrary<Integer> port() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 65535), Arbitraries.integers());
    }

    @Provide
    Arbitrary<Valid> validLines() {
        Arbitrary<String> name = Arbitraries.of("x2gotest-50-1795303181_stRxterm_dp24", "user-50-1700000000_stDKDE_dp24",
                "u-52-1_stS1XSHADuserXSHADPP50_dp24", "alice-51-1700000100_stRPUBLISHED_dp24", "n");
        Arbitrary<Character> status = Arbitraries.of('R', 'S', 'T', 'F');
        Arbitrary<String[]> strings = fieldText().array(String[].class).ofSize(6);
        Arbitrary<int[]> ints = Combinators.combine(Arbitraries.integers().between(0, 4_194_304), Arbitraries.integers(),
                port(), port(), port()).as((a, b, c, d, e) -> new int[] {a, b, c, d, e});
        // field 12 (age) and fields 14/15 (Telekinesis): numeric, junk (→ -1) or, for 14/15, absent
        Arbitrary<String> age = Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf), Arbitraries.of("", "x", "1.5"));
        Arbitrary<String> tail = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(port(), Arbitraries.of("-1", "tk", "")).as((a, b) -> "|" + a + "|" + b),
                Arbitraries.of("|-1|-1", "|12", "|-1|-1|extra|fields"));
        Arbitrary<String> padding = Arbitraries.of("", " ", "\t", " \t");
        return Combinators.combine(name, status, strings, ints, age, tail, padding)
                .as((n, st, s, i, a, t, pad) -> {
                    String line = pad + i[0] + "|" + n + "|" + i[1] + "|" + s[0] + "|" + st + "|" + s[1] + "|" + s[2]
                            + "|" + s[3] + "|" + i[2] + "|" + i[3] + "|" + s[4] + "|" + s[5] + "|" + a + "|" + i[4]
                            + t + pad;
                    String[] tf = t.isEmpty() ? new String[0] : t.substring(1).split("\\|", -1);
                    SessionInfo e = new SessionInfo(i[0], n, i[1], s[0].strip(), STATUS.get(st), s[1].strip(),
                            s[2].strip(), s[3].strip(), i[2], i[3], s[4].strip(), s[5].strip(), longOr(a),
                            i[4], tf.length > 0 ? intOr(tf[0]) : -1, tf.length > 1 ? intOr(tf[1].strip()) : -1);
                    return new Valid(line, e);
                });
    }

    private static long longOr(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int intOr(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Text that is never a valid line: at most one field. */
    private static Arbitrary<String> noPipes(Arbitrary<String> a) {
        return a.map(s -> s.replace('|', '!'));
    }

    @Provide
    Arbitrary<String> junk() {
        Arbitrary<String> anyText = noPipes(Arbitraries.strings().all().ofMaxLength(80));
        Arbitrary<String> controls = noPipes(Arbitraries.strings().withChars("\r\0\u001b\u0007\t\u0085\u2028\uFFFD x")
                .ofMaxLength(40));
        Arbitrary<String> invalidUtf8 = noPipes(Arbitraries.bytes().array(byte[].class).ofMaxSize(80)
                .map(b -> new String(b, StandardCharsets.UTF_8)));
        Arbitrary<String> huge = Combinators.combine(Arbitraries.integers().between(100_000, 3_000_000),
                Arbitraries.of("x", "9", "\u00e9", "\r", "\0", "\uFFFD")).as((n, c) -> c.repeat(n));
        Arbitrary<String> tooFewFields = Combinators.combine(validLines(), Arbitraries.integers().between(1, 13))
                .as((v, k) -> String.join("|", List.of(v.line().split("\\|", -1)).subList(0, k)));
        Arbitrary<String> badNumber = Combinators.combine(validLines(), Arbitraries.of(0, 2, 8, 9, 13),
                Arbitraries.of("", "x", "12a", "1.0", "0x10", "99999999999", "\u0663", "+7", "\uFFFD", "-", "\u00a07"))
                .as((v, field, bad) -> {
                    String[] f = v.line().strip().split("\\|", -1);
                    f[field] = bad;
                    return String.join("|", f);
                });
        Arbitrary<String> emptyName = validLines().map(v -> {
            String[] f = v.line().split("\\|", -1);
            f[1] = " ";
            return String.join("|", f);
        });
        Arbitrary<String> starting = Arbitraries.just(
                "|x2gotest-50-1795315661_stRxterm_dp24|50|vm|R|2026-11-22T02:47:41|||||2026-11-22T02:47:41|x2gotest|0|||");
        Arbitrary<String> locale = Arbitraries.of("perl: warning: Setting locale failed.", "\tLC_ALL = (unset),",
                "perl: warning: Falling back to the standard locale (\"C\").");
        return Arbitraries.frequencyOf(Tuple.of(5, anyText), Tuple.of(3, controls), Tuple.of(3, invalidUtf8),
                Tuple.of(1, huge), Tuple.of(3, tooFewFields), Tuple.of(4, badNumber), Tuple.of(1, emptyName),
                Tuple.of(1, starting), Tuple.of(1, locale));
    }

    /** A listing: valid and junk lines in random order, each ended by LF or CRLF (the last maybe by nothing). */
    @Provide
    Arbitrary<Tuple.Tuple2<String, List<Valid>>> listings() {
        Arbitrary<Object> entry = Arbitraries.frequencyOf(Tuple.of(1, validLines().map(v -> (Object) v)),
                Tuple.of(1, junk().map(j -> (Object) j)));
        Arbitrary<String> ending = Arbitraries.of("\n", "\r\n");
        return Combinators.combine(entry.list().ofMaxSize(25), ending.list().ofSize(25), Arbitraries.of(true, false))
                .as((entries, endings, lastEnded) -> {
                    StringBuilder out = new StringBuilder();
                    List<Valid> valid = new ArrayList<>();
                    for (int k = 0; k < entries.size(); k++) {
                        Object e = entries.get(k);
                        if (e instanceof Valid v) {
                            Valid named = v.named(valid.size());
                            valid.add(named);
                            out.append(named.line());
                        } else {
                            out.append((String) e);
                        }
                        if (k < entries.size() - 1 || lastEnded) {
                            out.append(endings.get(k));
                        }
                    }
                    return Tuple.of(out.toString(), valid);
                });
    }

    @Property(tries = 300)
    void junkNeverThrowsAndNeverCostsAValidSession(@ForAll("listings") Tuple.Tuple2<String, List<Valid>> listing) {
        List<String> messages = new ArrayList<>();
        SessionList parsed = new PlainSessionListParser((expected, message) -> messages.add(message))
                .parse(listing.get1());
        List<SessionInfo> expected = listing.get2().stream().map(Valid::expected).toList();
        assertThat(parsed.sessions()).containsExactlyElementsOf(expected);
        assertThat(messages).allSatisfy(m -> assertThat(m.length()).isLessThan(MESSAGE_BOUND));
    }

    @Property(tries = 200)
    void aValidLineAloneParsesToItsFields(@ForAll("validLines") Valid v) {
        assertThat(new PlainSessionInfoParser().parseLine(v.line())).isEqualTo(v.expected());
    }

    @Property(tries = 200)
    void junkAloneGivesNoSessionAndIsReportedBounded(@ForAll("junk") String junk) {
        List<String> messages = new ArrayList<>();
        SessionList parsed = new PlainSessionListParser((expected, message) -> messages.add(message)).parse(junk);
        assertThat(parsed.sessions()).isEmpty();
        assertThat(messages).hasSizeLessThanOrEqualTo(PlainSessionListParser.MAX_REPORTED_LINES + 1)
                .allSatisfy(m -> assertThat(m.length()).isLessThan(MESSAGE_BOUND));
    }
}
