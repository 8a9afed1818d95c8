package org.x2go.backend.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.x2go.api.SessionList;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoProtocolException;
import org.x2go.api.X2GoTerminalSessionException;
import org.x2go.backend.plain.internal.Framing;
import org.x2go.backend.plain.internal.Outputs;
import org.x2go.spi.CommandResult;
import org.x2go.spi.ControlSession;

/**
 * Issue #16: server-controlled text reaches a log or an exception message escaped and cut to a few hundred
 * characters, with its original length, never whole (a 10 MB list line once became a 10 MB WARN per tick).
 */
class ServerTextIsBoundedTest {
    /** SafeText's default excerpt plus the surrounding words of a message. */
    private static final int BOUND = 800;
    private static final String ESC = "\u001b";

    private record Report(boolean expected, String message) {
    }

    private static PlainSessionListParser recordingParser(List<Report> into) {
        return new PlainSessionListParser((expected, message) -> into.add(new Report(expected, message)));
    }

    @Test
    void aTenMegabyteMalformedListLineIsReportedCutWithItsLengthAndKeptVerbatim() {
        String huge = "garbage".repeat(1_428_572); // 10 000 004 chars, no '|'
        List<Report> got = new ArrayList<>();
        SessionList l = recordingParser(got).parse(ParsersTest.TV1 + "\n" + huge + "\n" + ParsersTest.TV2 + "\n");
        assertThat(l.size()).isEqualTo(2);
        assertThat(l.skippedLines()).singleElement().isEqualTo(huge);
        assertThat(got).singleElement().satisfies(r -> {
            assertThat(r.expected()).isFalse();
            assertThat(r.message()).hasSizeLessThan(BOUND).contains("line 2").contains("(10000004 chars)");
        });
    }

    @Test
    void aHugeBadNumberInAListLineIsCutInTheMessage() {
        String line = "9".repeat(500_000) + "x" + ParsersTest.TV1.substring(ParsersTest.TV1.indexOf('|'));
        List<Report> got = new ArrayList<>();
        recordingParser(got).parse(line);
        assertThat(got).singleElement().extracting(Report::message).asString().hasSizeLessThan(BOUND)
                .contains("field 0 (agent PID)").contains("(500001 chars)").contains("(" + line.length() + " chars)");
        Throwable t = catchThrowable(() -> new PlainSessionInfoParser().parseLine(line));
        assertThat(t).isInstanceOf(IllegalArgumentException.class).hasNoCause();
        assertThat(t.getMessage()).hasSizeLessThan(BOUND);
    }

    @Test
    void terminalControlsInAListLineAreEscapedInTheReport() {
        String line = "evil" + ESC + "]0;owned\u0007" + ESC + "[2J\rline";
        List<Report> got = new ArrayList<>();
        recordingParser(got).parse(line + "\n");
        assertThat(got).singleElement().extracting(Report::message).asString()
                .doesNotContain(ESC).doesNotContain("\u0007").doesNotContain("\r").contains("evil\\x1b]0;owned\\x07");
    }

    @Test
    void onlyTheFirstTenMalformedLinesOfAListingAreReportedOneByOneTheRestAreCounted() {
        StringBuilder out = new StringBuilder(ParsersTest.TV1).append('\n');
        for (int i = 0; i < 1000; i++) {
            out.append("junk ").append(i).append('\n');
        }
        List<Report> got = new ArrayList<>();
        SessionList l = recordingParser(got).parse(out.toString());
        assertThat(l.size()).isEqualTo(1);
        assertThat(l.skippedLines()).hasSize(1000);
        assertThat(got).hasSize(PlainSessionListParser.MAX_REPORTED_LINES + 1);
        assertThat(got.get(0).message()).contains("line 2").contains("junk 0");
        assertThat(got.get(9).message()).contains("line 11").contains("junk 9");
        assertThat(got.get(10).message()).contains("990 more malformed lines").contains("1000 in all");
        List<Report> exactlyTen = new ArrayList<>();
        recordingParser(exactlyTen).parse("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n");
        assertThat(exactlyTen).hasSize(10).noneMatch(r -> r.message().contains("more malformed"));
    }

    @Test
    void aSessionStillStartingIsAnExpectedReportAndDoesNotCountAsMalformed() {
        String starting = "|x2gotest-50-1795315661_stRxterm_dp24|50|vm|R|2026-11-22T02:47:41|||||2026-11-22T02:47:41"
                + "|x2gotest|0|||";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            out.append(starting).append('\n');
        }
        List<Report> got = new ArrayList<>();
        recordingParser(got).parse(out.toString());
        assertThat(got).hasSize(12).allMatch(Report::expected)
                .allMatch(r -> r.message().contains("still starting") && r.message().contains("x2gotest-50"));
    }

    @Test
    void theDefaultParserLogsTheCutMessageAtWarn() {
        String huge = "z".repeat(200_000);
        try (CapturedStderr err = new CapturedStderr()) {
            new PlainSessionListParser().parse(huge + "\n");
            assertThat(err.text()).contains("WARN").contains("(200000 chars)").hasSizeLessThan(BOUND);
        }
    }

    @Test
    void aHugeAgentAnswerIsCutInTheException() {
        String answer = "50\n" + "c".repeat(300_000) + "\n4242\nname\nNaN" + "9".repeat(100_000) + "\n2\n3\n";
        Throwable t = catchThrowable(() -> new PlainSessionInfoParser().parseAgent(answer));
        assertThat(t).isInstanceOf(X2GoTerminalSessionException.class);
        assertThat(t.getMessage()).hasSizeLessThan(BOUND).contains("line 5 (graphics port)")
                .contains("(100003 chars)").contains("(" + answer.length() + " chars)");
        assertThat(t.getCause()).hasNoCause();
        String badName = "50\ncookie\n4242\n" + ESC + "[31m" + "n".repeat(10_000) + "|\n1\n2\n3\n";
        assertThat(catchThrowable(() -> new PlainSessionInfoParser().parseAgent(badName)).getMessage())
                .hasSizeLessThan(BOUND).doesNotContain(ESC).contains("(10006 chars)");
    }

    @Test
    void hugeResumeAnswersAreCutInTheException() {
        Throwable noPort = catchThrowable(() -> Outputs.resumePorts("", "E".repeat(1_000_000), "s"));
        assertThat(noPort).isInstanceOf(X2GoTerminalSessionException.class);
        assertThat(noPort.getMessage()).hasSizeLessThan(BOUND).contains("(1000000 chars)");
        Throwable badPort = catchThrowable(() -> Outputs.resumePorts("gr_port=" + "1".repeat(100_000) + "\n", "", "s"));
        assertThat(badPort).isInstanceOf(X2GoTerminalSessionException.class).hasNoCause();
        assertThat(badPort.getMessage()).hasSizeLessThan(BOUND).contains("gr_port").contains("(100000 chars)");
    }

    @Test
    void hugeOutputWithoutMarkersIsCutInTheException() {
        Throwable t = catchThrowable(() -> Framing.extract(ESC + "x".repeat(2_000_000), "id", "echo"));
        assertThat(t).isInstanceOf(X2GoProtocolException.class);
        assertThat(t.getMessage()).hasSizeLessThan(BOUND).doesNotContain(ESC).contains("(2000001 chars)");
        Throwable cut = catchThrowable(() -> Framing.extract("X2GODATABEGIN:id\n" + "y".repeat(2_000_000), "id", "e"));
        assertThat(cut.getMessage()).hasSizeLessThan(BOUND).contains("output cut short").contains("(2000017 chars)");
    }

    @Test
    void hugeServerStderrIsLoggedCutWhenSuspendingTerminatingAndRunningTheCommand() {
        String stderr = ESC + "[2J" + "e".repeat(1_000_000);
        String name = "alice-56-1700000000_stRxterm_dp24";
        ScriptedShell shell = new ScriptedShell(c -> c.startsWith("x2gosuspend-session")
                || c.startsWith("x2goterminate-session") || c.contains("x2goruncommand") || c.contains("setxkbmap")
                ? new CommandResult("", stderr, 1)
                : c.contains("x2gostartagent") ? ScriptedShell.out(PlainTerminalSessionTest.AGENT.formatted(name))
                : c.endsWith("&& echo OK") ? ScriptedShell.out("OK\n")
                : PlainControlSessionTest.server(PlainControlSessionTest.FEATURES, "").apply(c));
        ControlSession cs = new PlainControlSessionProvider().create(shell, new PlainSessionListParser(),
                Duration.ofSeconds(5));
        try (CapturedStderr err = new CapturedStderr()) {
            cs.suspend(name);
            assertThat(err.text()).contains("suspend of " + name + ": server said \\x1b[2Jeee")
                    .contains("(1000004 chars)").doesNotContain(ESC).hasSizeLessThan(BOUND);
        }
        try (CapturedStderr err = new CapturedStderr()) {
            cs.terminate(name);
            assertThat(err.text()).contains("terminate of " + name + ": server said")
                    .contains("(1000004 chars)").hasSizeLessThan(BOUND);
        }
        TerminalParams p = TerminalParams.builder().command("xterm").kbType("pc105/de").kbLayout("de").build();
        try (CapturedStderr err = new CapturedStderr()) {
            new PlainTerminalSessionProvider().start(cs, p).runCommand();
            assertThat(err.text()).contains("x2goruncommand for " + name).contains("setxkbmap for " + name)
                    .contains("(1000004 chars)").doesNotContain(ESC).hasSizeLessThan(3 * BOUND);
        }
    }

    @Test
    void hugeStartAgentStderrIsCutInTheExceptions() {
        String stderr = "ACCESS DENIED " + "d".repeat(1_000_000);
        ScriptedShell shell = new ScriptedShell(c -> c.contains("x2gostartagent") ? new CommandResult("", stderr, 1)
                : PlainControlSessionTest.server(PlainControlSessionTest.FEATURES, "").apply(c));
        ControlSession cs = new PlainControlSessionProvider().create(shell, new PlainSessionListParser(),
                Duration.ofSeconds(5));
        TerminalParams shadow = TerminalParams.builder().command("1XSHADbobXSHAD:51")
                .sessionType(org.x2go.api.SessionType.SHADOW).build();
        assertThat(catchThrowable(() -> new PlainTerminalSessionProvider().start(cs, shadow)).getMessage())
                .startsWith("Desktop sharing denied for 1XSHADbobXSHAD:51: ACCESS DENIED ddd")
                .contains("(1000014 chars)").hasSizeLessThan(BOUND);
        TerminalParams desktop = TerminalParams.builder().command("KDE").build();
        assertThat(catchThrowable(() -> new PlainTerminalSessionProvider().start(cs, desktop)).getMessage())
                .contains("stderr: 'ACCESS DENIED ddd").contains("(1000014 chars)").hasSizeLessThan(2 * BOUND);
    }

    @Test
    void aHugeOrHostileHomeDirectoryIsCutInTheMissingHomeMessage() {
        String home = "/home/" + ESC + "[5m" + "h".repeat(100_000);
        ScriptedShell shell = new ScriptedShell(c -> c.equals("echo $HOME") ? ScriptedShell.out(home + "\n")
                : c.startsWith("stat ") ? new CommandResult("", "stat: " + "s".repeat(100_000), 1)
                : PlainControlSessionTest.server(PlainControlSessionTest.FEATURES, "").apply(c));
        Throwable t = catchThrowable(() -> new PlainControlSessionProvider().create(shell, new PlainSessionListParser(),
                Duration.ofSeconds(5)));
        assertThat(t.getMessage()).hasSizeLessThan(BOUND).doesNotContain(ESC).contains("(100010 chars)")
                .contains("(100006 chars)");
    }
}
