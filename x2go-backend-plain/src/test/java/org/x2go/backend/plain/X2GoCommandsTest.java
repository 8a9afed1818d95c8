package org.x2go.backend.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.x2go.api.AgentInfo;
import org.x2go.api.SessionType;
import org.x2go.api.TerminalParams;

/** Exact command strings (TV-13, TV-14, TV-17..24, TV-26, TV-55) and the quoting rules. */
class X2GoCommandsTest {
    static final String NAME = "alice-50-1700000000_stDKDE_dp24";
    static final String RC = "/home/alice/.x2go/C-";

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "abc|abc",
        "alice-50-1700000000_stDKDE_dp24|alice-50-1700000000_stDKDE_dp24",
        "null/null|null/null",
        "/home/alice/Documents__REVERSESSH_PORT__30003|/home/alice/Documents__REVERSESSH_PORT__30003",
        "1XSHADbobXSHAD:51|1XSHADbobXSHAD:51",
        "a b|'a b'",
        "it's|'it'\\''s'",
        "$HOME|'$HOME'",
        "x;y|'x;y'",
        "`id`|'`id`'",
        "~|'~'",
        "*|'*'",
    })
    void quoteLeavesSafeTokensBareAndSingleQuotesTheRest(String in, String out) {
        assertThat(X2GoCommands.quote(in)).isEqualTo(out);
    }

    @Test
    void quoteOfEmptyIsTwoQuotesAndNulIsRejected() {
        assertThat(X2GoCommands.quote("")).isEqualTo("''");
        assertThatThrownBy(() -> X2GoCommands.quote("a\0b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void frameHasPythonShapeWithTheCommandAsOneSingleQuotedArgument() {
        assertThat(X2GoCommands.frame("which x2gofeaturelist >/dev/null && x2gofeaturelist", "id-1"))
                .isEqualTo("echo X2GODATABEGIN:id-1; PATH=/usr/local/bin:/usr/bin:/bin sh -c "
                        + "'which x2gofeaturelist >/dev/null && x2gofeaturelist'; echo X2GODATAEND:id-1");
        assertThat(X2GoCommands.frame("stat -tL '/home/a b'", "id-2"))
                .isEqualTo("echo X2GODATABEGIN:id-2; PATH=/usr/local/bin:/usr/bin:/bin sh -c "
                        + "'stat -tL '\\''/home/a b'\\'''; echo X2GODATAEND:id-2");
        assertThatThrownBy(() -> X2GoCommands.frame("echo", "bad id; rm")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tv13Tv14ControlCommandsMatchPython() {
        assertThat(X2GoCommands.features()).isEqualTo("which x2gofeaturelist >/dev/null && x2gofeaturelist");
        assertThat(X2GoCommands.versions()).isEqualTo("which x2goversion >/dev/null && x2goversion");
        assertThat(X2GoCommands.remoteHome()).isEqualTo("echo $HOME");
        assertThat(X2GoCommands.alive()).isEqualTo("echo");
        assertThat(X2GoCommands.listSessions(true))
                .isEqualTo("export HOSTNAME && { x2golistsessions; x2golistshadowsessions; }");
        assertThat(X2GoCommands.listSessions(false)).isEqualTo("export HOSTNAME && x2golistsessions");
        assertThat(X2GoCommands.listDesktops()).isEqualTo("export HOSTNAME && x2golistdesktops");
        assertThat(X2GoCommands.listMounts(NAME)).isEqualTo("export HOSTNAME && x2golistmounts " + NAME);
        assertThat(X2GoCommands.suspend(NAME)).isEqualTo("x2gosuspend-session " + NAME);
        assertThat(X2GoCommands.terminate(NAME)).isEqualTo("x2goterminate-session " + NAME);
        assertThat(X2GoCommands.publishedApplications()).isEqualTo("which x2gogetapps >/dev/null && x2gogetapps");
    }

    @Test
    void homeExistsQuotesTheHomeFixedQ21() {
        // python: stat -tL "<home>" pasted unescaped into sh -c "..."
        assertThat(X2GoCommands.homeExists("/home/alice")).isEqualTo("stat -tL /home/alice");
        assertThat(X2GoCommands.homeExists("/home/a \"b\"")).isEqualTo("stat -tL '/home/a \"b\"'");
    }

    @Test
    void emptySessionNameIsRejectedFixedQ90() {
        assertThatThrownBy(() -> X2GoCommands.suspend("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> X2GoCommands.terminate(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    private static AgentInfo agent(String name) {
        return new AgentInfo(56, "0123456789abcdef0123456789abcdef", 4242, name, 30001, 30002, 30003, -1, -1);
    }

    private static Map<String, String> env(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("X2GO_MIMEBOX", RC + name + "/mimebox");
        env.put("X2GO_SPOOLDIR", RC + name + "/spool");
        return env;
    }

    @Test
    void tv18KdeDesktop() {
        TerminalParams p = TerminalParams.builder().command("KDE").sessionType(SessionType.DESKTOP)
                .sound(TerminalParams.SoundSystem.PULSE).build();
        SessionTypeRules.Kind k = SessionTypeRules.normalise(p);
        assertThat(k.type()).isEqualTo("D");
        assertThat(X2GoCommands.startAgent(p, k)).isEqualTo(
                "X2GO_XINERAMA=false x2gostartagent 800x600 adsl 16m-jpeg-9 unix-kde-depth_24 null null/null 0 D KDE both");
        // python: ... 30002 "startkde" pulse D ...: its double quotes vanish in the login shell, same argv (see ShellExecutionTest)
        assertThat(X2GoCommands.runCommand(agent(NAME), "KDE", p.sound(), "D", RC + NAME, env(NAME))).isEqualTo(
                "X2GO_MIMEBOX=" + RC + NAME + "/mimebox X2GO_SPOOLDIR=" + RC + NAME + "/spool PULSE_CLIENTCONFIG="
                        + RC + NAME + "/.pulse-client.conf setsid x2goruncommand 56 4242 " + NAME
                        + " 30002 startkde pulse D 1>/dev/null 2>/dev/null & exit");
    }

    @Test
    void tv19TerminalRootlessAllOptions() {
        String name = "alice-51-1700000000_stRTERMINAL_dp24";
        TerminalParams p = TerminalParams.builder().geometry("1024x768").link(TerminalParams.Link.LAN)
                .kbType("pc105/de").kbLayout("de").kbVariant("nodeadkeys").dpi(96).xinerama(true)
                .clipboard(TerminalParams.Clipboard.SERVER).command("TERMINAL").sessionType(SessionType.ROOTLESS)
                .sound(TerminalParams.SoundSystem.PULSE).build();
        SessionTypeRules.Kind k = SessionTypeRules.normalise(p);
        assertThat(X2GoCommands.commandCheck("TERMINAL")).isEmpty();
        assertThat(X2GoCommands.startAgent(p, k)).isEqualTo("X2GO_XINERAMA=true X2GODPI=96 x2gostartagent 1024x768 "
                + "lan 16m-jpeg-9 unix-kde-depth_24 de pc105/de 1 R TERMINAL server");
        assertThat(X2GoCommands.runCommand(agent(name), "TERMINAL", p.sound(), "R", RC + name, env(name)))
                .endsWith("PULSE_CLIENTCONFIG=" + RC + name + "/.pulse-client.conf setsid x2goruncommand 56 4242 "
                        + name + " 30002 TERMINAL pulse R 1>/dev/null 2>/dev/null & exit");
        assertThat(X2GoCommands.setKeyboard(56, "de", "nodeadkeys"))
                .contains("export DISPLAY=:56 &&  setxkbmap  -layout de -variant nodeadkeys");
        assertThat(X2GoCommands.setKeyboard(56, "null", "null")).isEmpty();
        assertThat(X2GoCommands.setKeyboard(56, "us", "null")).contains("export DISPLAY=:56 &&  setxkbmap  -layout us");
    }

    @Test
    void tv20PathWithArgumentsKeepsArgumentsFixedQ72AndKeepsThePathFixedGotcha22() {
        String name = "alice-52-1700000000_stRxterm_dp24";
        TerminalParams p = TerminalParams.builder().command("/usr/bin/xterm -fg red").build();
        SessionTypeRules.Kind k = SessionTypeRules.normalise(p);
        assertThat(X2GoCommands.commandCheck(p.command())).contains("test -x /usr/bin/xterm && echo OK");
        // python: "... R xterm -fg red both" (arguments spill into the clipboard slot)
        assertThat(X2GoCommands.startAgent(p, k)).isEqualTo(
                "X2GO_XINERAMA=false x2gostartagent 800x600 adsl 16m-jpeg-9 unix-kde-depth_24 null null/null 0 R xterm both");
        // python: "xtermX2GO_SPACE_CHAR-fgX2GO_SPACE_CHARred" (path cut off)
        assertThat(X2GoCommands.runCommand(agent(name), p.command(), p.sound(), "R", "", env(name))).isEqualTo(
                "X2GO_MIMEBOX=" + RC + name + "/mimebox X2GO_SPOOLDIR=" + RC + name + "/spool setsid x2goruncommand 56 "
                        + "4242 " + name + " 30002 /usr/bin/xtermX2GO_SPACE_CHAR-fgX2GO_SPACE_CHARred none R "
                        + "1>/dev/null 2>/dev/null & exit");
    }

    @Test
    void commandWithSlashesInArgumentsIsPassedWhole() {
        String line = X2GoCommands.runCommand(agent(NAME), "xterm -hold -e ls -la /etc/x2go",
                TerminalParams.SoundSystem.NONE, "R", "", Map.of());
        assertThat(line).contains(" 30002 xtermX2GO_SPACE_CHAR-holdX2GO_SPACE_CHAR-eX2GO_SPACE_CHARlsX2GO_SPACE_CHAR"
                + "-laX2GO_SPACE_CHAR/etc/x2go none R ");
        assertThat(X2GoCommands.commandCheck("xterm -hold -e ls -la /etc/x2go")).contains("which xterm && echo OK");
    }

    @Test
    void tv21MetaCommandForcesDesktop() {
        TerminalParams p = TerminalParams.builder().command("XFCE").sessionType(SessionType.ROOTLESS)
                .sound(TerminalParams.SoundSystem.PULSE).build();
        SessionTypeRules.Kind k = SessionTypeRules.normalise(p);
        assertThat(X2GoCommands.startAgent(p, k)).isEqualTo(
                "X2GO_XINERAMA=false x2gostartagent 800x600 adsl 16m-jpeg-9 unix-kde-depth_24 null null/null 0 D XFCE both");
        String name = "alice-53-1700000000_stDXFCE_dp24";
        assertThat(X2GoCommands.runCommand(agent(name), "XFCE", p.sound(), "D", RC + name, Map.of()))
                .endsWith("setsid x2goruncommand 56 4242 " + name + " 30002 xfce4-session pulse D 1>/dev/null 2>/dev/null & exit");
    }

    @Test
    void tv23ShadowHasNoClipboardArgument() {
        TerminalParams p = TerminalParams.builder().command("1XSHADbobXSHAD:51").sessionType(SessionType.SHADOW).build();
        assertThat(X2GoCommands.startAgent(p, SessionTypeRules.normalise(p))).isEqualTo(
                "X2GO_XINERAMA=false x2gostartagent 800x600 adsl 16m-jpeg-9 unix-kde-depth_24 null null/null 0 S 1XSHADbobXSHAD:51");
        assertThat(X2GoCommands.commandCheck(p.command())).isEmpty();
    }

    @Test
    void tv24ResumeLineWithCapitalisedXinerama() {
        TerminalParams p = TerminalParams.builder().geometry("maximize").link(TerminalParams.Link.WAN).pack("64k-png")
                .kbType("pc105/us").kbLayout("us").build();
        assertThat(X2GoCommands.resume("alice-50-1700000000_stRTERMINAL_dp24", p)).isEqualTo(
                "x2goresume-session alice-50-1700000000_stRTERMINAL_dp24 1024x768 wan 64k-png us pc105/us 1 both False");
        assertThat(X2GoCommands.resume(NAME, TerminalParams.builder().xinerama(true).build())).isEqualTo(
                "x2goresume-session " + NAME + " 800x600 adsl 16m-jpeg-9 null null/null 0 both True");
    }

    @Test
    void publishedSessionStartsWithPublishedToken() {
        TerminalParams p = TerminalParams.builder().command("").sessionType(SessionType.PUBLISHED).build();
        assertThat(X2GoCommands.startAgent(p, SessionTypeRules.normalise(p)))
                .endsWith(" 0 P PUBLISHED both");
    }

    @Test
    void tv17MacroRewriting() {
        String in = "rdesktop -u X2GO_USER -p X2GO_PASSWORD srv";
        assertThat(X2GoCommands.rewriteMacros(in, "bob", Optional.of("s3cret"))).isEqualTo("rdesktop -u bob -p s3cret srv");
        assertThat(X2GoCommands.rewriteMacros(in, "bob", Optional.empty())).isEqualTo("rdesktop -u bob -p X2GO_PASSWORD srv");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "KDE|startkde", "TERMINAL|TERMINAL", "''|''", "xterm -e top|xtermX2GO_SPACE_CHAR-eX2GO_SPACE_CHARtop",
        "LXDE|startlxde", "MATE|mate-session", "UNITY|unity",
    })
    void tv26CommandRewritingWithoutPythonsDoubleQuotes(String in, String out) {
        assertThat(X2GoCommands.runCommandText(in)).isEqualTo(out);
    }

    @Test
    void tv55FolderSharingLines() {
        String key = "/home/alice/.x2go/ssh/key.z12345";
        // python wrote 'alice'; bare alice gives the same argv
        assertThat(X2GoCommands.mountDirs(X2GoCommands.FolderType.DISK, NAME, "alice", key, "/home/alice/Documents",
                30003, Optional.empty())).isEqualTo("export HOSTNAME && x2gomountdirs dir " + NAME + " alice " + key
                + " /home/alice/Documents__REVERSESSH_PORT__30003;  rm -f " + key + " " + key + ".ident");
        assertThat(X2GoCommands.FolderType.SPOOL.suffix(30003)).isEqualTo("__PRINT_SPOOL___REVERSESSH_PORT__30003");
        assertThat(X2GoCommands.FolderType.MIMEBOX.suffix(30003)).isEqualTo("__MIMEBOX_SPOOL___REVERSESSH_PORT__30003");
        assertThat(X2GoCommands.mountDirs(X2GoCommands.FolderType.DISK, NAME, "alice", key, "/d", 1,
                Optional.of(Map.entry("ISO-8859-1", "UTF-8"))))
                .startsWith("export X2GO_ICONV=modules=iconv,from_code=ISO-8859-1,to_code=UTF-8 && export HOSTNAME && ");
        assertThat(X2GoCommands.umountSession(NAME, Optional.empty()))
                .isEqualTo("export HOSTNAME && x2goumount-session " + NAME);
        assertThat(X2GoCommands.umountSession(NAME, Optional.of("/home/alice/My Documents")))
                .isEqualTo("export HOSTNAME && x2goumount-session " + NAME + " '/home/alice/My Documents'");
    }

    @Test
    void badEnvironmentNameIsRejected() {
        assertThatThrownBy(() -> X2GoCommands.assignment("A;B", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A;B");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "R|/usr/bin/xterm -fg red|xterm", "R|/x|x", "R|a/|a/", "R|/|/", "R|xterm|xterm", "R|'  '|TERMINAL",
        "S|1XSHADbobXSHAD:51|1XSHADbobXSHAD:51", "R|2XSHADbobXSHAD:52 x|2XSHADbobXSHAD:52 x", "P|PUBLISHED|PUBLISHED",
    })
    void startAgentCommandTokenIsTheBaseNameOfTheFirstWord(String type, String command, String token) {
        assertThat(X2GoCommands.startAgentCommandToken(new SessionTypeRules.Kind(type, command))).isEqualTo(token);
    }

    @Test
    void metaCommandsGenericTokensAndSpecialSessionsNeedNoCommandCheck() {
        for (String c : new String[] {"KDE", "XFCE", "TERMINAL", "WWWBROWSER", "1XSHADbobXSHAD:51", "PUBLISHED", "RDP",
            "XDMCP", "", "  "}) {
            assertThat(X2GoCommands.commandCheck(c)).as(c).isEmpty();
        }
        assertThat(X2GoCommands.commandCheck(null)).isEmpty();
        assertThat(X2GoCommands.commandCheck("kde")).contains("which kde && echo OK");
    }

    @Test
    void programNamesAndMarkerIdsMustBePlainTokens() {
        assertThatThrownBy(() -> X2GoCommands.command("rm -rf", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rm -rf");
        assertThatThrownBy(() -> X2GoCommands.command("\u001b[2J")).hasMessageContaining("\\x1b[2J");
        assertThat(X2GoCommands.command("echo")).isEqualTo("echo");
        assertThatThrownBy(() -> X2GoCommands.frame("echo", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> X2GoCommands.frame("echo", "a".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThat(X2GoCommands.frame("echo", "a".repeat(64))).startsWith("echo X2GODATABEGIN:" + "a".repeat(64) + ";");
    }

    @Test
    void aNulOrLoneSurrogateIsRefusedAtEveryPositionIncludingTheFirst() {
        assertThatThrownBy(() -> X2GoCommands.quote("\0")).hasMessageContaining("NUL character at index 0");
        assertThatThrownBy(() -> X2GoCommands.quote("ab\0")).hasMessageContaining("NUL character at index 2");
        assertThatThrownBy(() -> X2GoCommands.frame("\0", "id")).hasMessageContaining("command contains a NUL character at index 0");
        assertThatThrownBy(() -> X2GoCommands.quote("\uDC00x")).hasMessageContaining("unpaired surrogate U+DC00 at index 0");
        assertThatThrownBy(() -> X2GoCommands.quote("x\uD83D")).hasMessageContaining("unpaired surrogate U+D83D at index 1");
        assertThatThrownBy(() -> X2GoCommands.quote("\uD83D\uD83D\uDE00")).hasMessageContaining("U+D83D at index 0");
        assertThatThrownBy(() -> X2GoCommands.quote("\uD83D\uDE00\uDE00")).hasMessageContaining("U+DE00 at index 2");
        assertThat(X2GoCommands.quote("\uD83D\uDE00")).isEqualTo("'\uD83D\uDE00'");
        assertThat(X2GoCommands.quote("a\uD83D\uDE00b\uD83D\uDE00")).isEqualTo("'a\uD83D\uDE00b\uD83D\uDE00'");
    }

    @Test
    void keyboardLinePartsAreLeftOutWhenUnset() {
        assertThat(X2GoCommands.setKeyboard(5, null, "")).isEmpty();
        assertThat(X2GoCommands.setKeyboard(5, "", "intl")).contains("export DISPLAY=:5 &&  setxkbmap  -variant intl");
        assertThat(X2GoCommands.setKeyboard(5, "us", null)).contains("export DISPLAY=:5 &&  setxkbmap  -layout us");
        assertThat(X2GoCommands.setKeyboard(5, "null", "intl")).contains("export DISPLAY=:5 &&  setxkbmap  -variant intl");
    }

    @Test
    void keyboardFlagAndGeometry() {
        assertThat(X2GoCommands.setKeyboardFlag(TerminalParams.builder().build())).isEqualTo("0");
        assertThat(X2GoCommands.setKeyboardFlag(TerminalParams.builder().setKeyboard(true).build())).isEqualTo("1");
        assertThat(X2GoCommands.setKeyboardFlag(TerminalParams.builder().kbType("pc105/us").build())).isEqualTo("1");
        assertThat(X2GoCommands.geometry(TerminalParams.builder().geometry("maximize").build())).isEqualTo("1024x768");
        assertThat(X2GoCommands.geometry(TerminalParams.builder().geometry("1280x1024").build())).isEqualTo("1280x1024");
    }
}
