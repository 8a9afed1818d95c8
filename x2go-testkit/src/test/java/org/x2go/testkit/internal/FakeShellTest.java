package org.x2go.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeShellTest {

    @TempDir
    Path root;

    private final List<List<String>> calls = new ArrayList<>();

    private record Run(int status, String out, String err) {
    }

    private Run run(String line) throws Exception {
        java.nio.file.Files.createDirectories(root.resolve("home/u"));
        FakeShell.Handler record = c -> {
            List<String> all = new ArrayList<>();
            all.add(c.name());
            all.addAll(c.args());
            calls.add(all);
            c.out().write("ran " + c.name() + "\n");
            return 0;
        };
        FakeShell.Handler env = c -> {
            c.out().write(c.env().getOrDefault(c.args().get(0), "<unset>") + "\n");
            return 0;
        };
        FakeShell shell = new FakeShell(Map.of("x2gofoo", record, "showenv", env), new FakeFiles(root),
                Map.of("HOME", "/home/u", "USER", "u"));
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int status = shell.run(line, Output.of(out), Output.of(err));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void pythonWrapperWithUnescapedInnerQuotesRunsTheInnerCommand() throws Exception {
        Run r = run("echo X2GODATABEGIN:1; PATH=/usr/local/bin:/usr/bin:/bin sh -c \"stat -tL \"/home/u\"\"; "
                + "echo X2GODATAEND:1");
        assertThat(r.out()).startsWith("X2GODATABEGIN:1\n/home/u 4096 8 41ed ").endsWith("\nX2GODATAEND:1\n");
        assertThat(r.status()).isZero();
    }

    @Test
    void singleQuotedArgumentsKeepMetacharactersLiterally() throws Exception {
        Run r = run("x2gofoo 'a b' 'semi;colon' 'dollar$HOME' 'it'\\''s' \"dq $HOME\" plain");
        assertThat(calls).containsExactly(List.of("x2gofoo", "a b", "semi;colon", "dollar$HOME", "it's",
                "dq /home/u", "plain"));
        assertThat(r.out()).isEqualTo("ran x2gofoo\n");
    }

    @Test
    void quoteRoundTripsThroughTheTokenizer() {
        for (String s : List.of("", "simple", "a b", "it's", "$(rm -rf /)", "`x`", "\"q\"", "a\nb", ";&|<>")) {
            assertThat(Shell.words("cmd " + Shell.quote(s))).containsExactly("cmd", s);
        }
    }

    @Test
    void andOrSequencesAndGroupsFollowExitStatus() throws Exception {
        assertThat(run("false && echo no; true && echo yes").out()).isEqualTo("yes\n");
        assertThat(run("false || echo fallback").out()).isEqualTo("fallback\n");
        assertThat(run("export HOSTNAME && { x2gofoo; x2gofoo 2; }").out()).isEqualTo("ran x2gofoo\nran x2gofoo\n");
        assertThat(calls).containsExactly(List.of("x2gofoo"), List.of("x2gofoo", "2"));
    }

    @Test
    void backgroundedSetsidWithRedirectsProducesNothing() throws Exception {
        Run r = run("setsid x2gofoo 56 20661 name 58900 \"xterm\" none R 1>/dev/null 2>/dev/null & exit");
        assertThat(r.out()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(calls).containsExactly(List.of("x2gofoo", "56", "20661", "name", "58900", "xterm", "none", "R"));
    }

    @Test
    void assignmentsPrefixOnlyTheirCommand() throws Exception {
        assertThat(run("X2GO_XINERAMA=false showenv X2GO_XINERAMA; showenv X2GO_XINERAMA").out())
                .isEqualTo("false\n<unset>\n");
    }

    @Test
    void redirectionsRouteStreams() throws Exception {
        Run r = run("echo a >&2; echo b 1>&2; echo c 2>&1; echo d >/dev/null; echo e > f.txt; cat f.txt");
        assertThat(r.err()).isEqualTo("a\nb\n");
        assertThat(r.out()).isEqualTo("c\ne\n");
        assertThat(root.resolve("home/u/f.txt")).hasContent("e\n");
    }

    @Test
    void whichAndTestKnowInstalledCommandsOnly() throws Exception {
        assertThat(run("which x2gofoo && echo OK").out()).isEqualTo("/usr/bin/x2gofoo\nOK\n");
        Run missing = run("which nosuchthing && echo OK");
        assertThat(missing.out()).isEmpty();
        assertThat(missing.status()).isEqualTo(1);
        assertThat(run("test -x /usr/bin/x2gofoo && echo yes").out()).isEqualTo("yes\n");
        assertThat(run("test -x /usr/bin/nothing || echo no").out()).isEqualTo("no\n");
    }

    @Test
    void unknownCommandIsNotFound127() throws Exception {
        Run r = run("frobnicate now");
        assertThat(r.status()).isEqualTo(127);
        assertThat(r.err()).isEqualTo("sh: 1: frobnicate: not found\n");
    }

    @Test
    void unsupportedSyntaxIsRejectedNamingIt() throws Exception {
        Run r = run("echo $(id)");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("command substitution").contains("echo $(id)");
        assertThat(run("if true; then echo x; fi").err()).contains("unsupported shell keyword 'if'");
        assertThat(run("echo 'open").err()).contains("unterminated single quote");
        assertThatThrownBy(() -> Shell.parse("echo a |")).isInstanceOf(ShellSyntaxException.class)
                .hasMessageContaining("echo a |");
    }

    @Test
    void exitStopsTheScript() throws Exception {
        Run r = run("echo one; exit 5; echo two");
        assertThat(r.out()).isEqualTo("one\n");
        assertThat(r.status()).isEqualTo(5);
    }

    @Test
    void pathsCannotEscapeTheFakeRoot() {
        FakeFiles f = new FakeFiles(root);
        assertThat(f.resolve("../../../etc/passwd", "/home/u")).startsWith(root);
        assertThat(f.resolve("~/x", "/home/u")).isEqualTo(root.resolve("home/u/x"));
    }

    @Test
    void badRuntimeInputGivesShellErrorsNotCrashes() throws Exception {
        Run fd = run("{ echo a; } >&5");
        assertThat(fd.status()).isEqualTo(2);
        assertThat(fd.err()).contains("file descriptor '5'").doesNotContain("Exception");
        assertThat(fd.out()).isEmpty();
        Run sleep = run("sleep -1");
        assertThat(sleep.status()).isEqualTo(1);
        assertThat(sleep.err()).isEqualTo("sleep: invalid time interval '-1'\n");
        assertThat(run("seq x").err()).startsWith("seq: invalid argument");
    }
}
