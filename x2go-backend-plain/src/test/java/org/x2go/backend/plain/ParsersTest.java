package org.x2go.backend.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.x2go.api.AgentInfo;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.SessionType;
import org.x2go.api.X2GoTerminalSessionException;

/** TV-1..TV-11: x2golistsessions lines and lists, x2gostartagent answers. */
class ParsersTest {
    static final String TV1 = "12345|user-50-1700000000_stDKDE_dp24|50|x2goserver|R|2023-11-14T22:13:20|"
            + "0123456789abcdef0123456789abcdef|192.168.1.10|30001|30002|2023-11-14T22:13:25|user|42|30003";
    static final String TV2 = "12346|user-51-1700000100_stRPUBLISHED_dp24|51|x2goserver|S|2023-11-14T22:15:00|"
            + "fedcba9876543210fedcba9876543210|192.168.1.10|30004|30005|2023-11-14T23:00:00|user|2700|30006|30007|30008";
    /** Real server output, §4.2. */
    static final String REAL = "10750|x2gotest-50-1795303181_stRxterm_dp24|50|vm|R|2026-11-21T23:19:41|"
            + "e462d8aa6778e07c4176a25b0a85db37|127.0.0.1|39996|39997|2026-11-21T23:19:43|x2gotest|36|39998|-1|-1";

    private final PlainSessionInfoParser info = new PlainSessionInfoParser();
    private final PlainSessionListParser list = new PlainSessionListParser();

    @Test
    void tv1FullDesktopLine() {
        SessionInfo s = info.parseLine(TV1);
        assertThat(s.agentPid()).isEqualTo(12345);
        assertThat(s.name()).isEqualTo("user-50-1700000000_stDKDE_dp24");
        assertThat(s.display()).isEqualTo(50);
        assertThat(s.hostname()).isEqualTo("x2goserver");
        assertThat(s.status()).isEqualTo(ServerSessionStatus.RUNNING);
        assertThat(s.createdAt()).isEqualTo("2023-11-14T22:13:20");
        assertThat(s.cookie()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(s.graphicsPort()).isEqualTo(30001);
        assertThat(s.soundPort()).isEqualTo(30002);
        assertThat(s.lastChangedAt()).isEqualTo("2023-11-14T22:13:25");
        assertThat(s.username()).isEqualTo("user");
        assertThat(s.sshfsPort()).isEqualTo(30003);
        assertThat(s.tekiCtrlPort()).isEqualTo(-1);
        assertThat(s.tekiDataPort()).isEqualTo(-1);
        assertThat(s.sessionType()).contains(SessionType.DESKTOP);
        assertThat(s.isRunning()).isTrue();
        assertThat(s.isDesktopSession()).isTrue();
        assertThat(s.isPublishedApplicationsProvider()).isFalse();
    }

    @Test
    void tv2PublishedSuspendedWithTelekinesis() {
        SessionInfo s = info.parseLine(TV2);
        assertThat(s.display()).isEqualTo(51);
        assertThat(s.status()).isEqualTo(ServerSessionStatus.SUSPENDED);
        assertThat(s.graphicsPort()).isEqualTo(30004);
        assertThat(s.soundPort()).isEqualTo(30005);
        assertThat(s.sshfsPort()).isEqualTo(30006);
        assertThat(s.tekiCtrlPort()).isEqualTo(30007);
        assertThat(s.tekiDataPort()).isEqualTo(30008);
        assertThat(s.sessionType()).contains(SessionType.PUBLISHED);
        assertThat(s.isPublishedApplicationsProvider()).isTrue();
    }

    @Test
    void tv3ShadowAndTv4KdriveTerminated() {
        SessionInfo shadow = info.parseLine("1|u-52-1_stS1XSHADuserXSHADPP50_dp24|52|h|R|d|c|ip|1|2|d2|u|0|3");
        assertThat(shadow.sessionType()).contains(SessionType.SHADOW);
        assertThat(shadow.isRunning()).isTrue();
        SessionInfo k = info.parseLine("1|u-53-1_stKGNOME_dp32|53|h|T|d|c|ip|1|2|d2|u|0|3|x|y");
        assertThat(k.sessionType()).contains(SessionType.KDRIVE);
        assertThat(k.status()).isEqualTo(ServerSessionStatus.TERMINATED);
        assertThat(k.isRunning()).isFalse();
        assertThat(k.isSuspended()).isFalse();
        assertThat(k.tekiCtrlPort()).isEqualTo(-1);
        assertThat(k.tekiDataPort()).isEqualTo(-1);
    }

    @Test
    void realServerLine() {
        SessionInfo s = info.parseLine(REAL);
        assertThat(s.name()).isEqualTo("x2gotest-50-1795303181_stRxterm_dp24");
        assertThat(s.clientIp()).isEqualTo("127.0.0.1");
        assertThat(s.ageSeconds()).isEqualTo(36);
        assertThat(s.graphicsPort()).isEqualTo(39996);
        assertThat(s.sessionType()).contains(SessionType.ROOTLESS);
    }

    @Test
    void tv5MalformedLinesNameTheField() {
        assertThatThrownBy(() -> info.parseLine("a|b|c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 fields");
        assertThatThrownBy(() -> info.parseLine("x|name|50|h|R|d|c|ip|1|2|d2|u|0|3"))
                .hasMessageContaining("field 0 (agent PID)").hasMessageContaining("'x'");
        assertThatThrownBy(() -> info.parseLine("12|name|50|h|R|d|c|ip|1|2|d2|u|0"))
                .hasMessageContaining("13 fields");
        assertThatThrownBy(() -> info.parseLine("12|name|notint|h|R|d|c|ip|1|2|d2|u|0|3"))
                .hasMessageContaining("field 2 (display)").hasMessageContaining("notint");
        SessionInfo fifteen = info.parseLine("12|name|50|h|R|d|c|ip|1|2|d2|u|0|3|9");
        assertThat(fifteen.tekiCtrlPort()).isEqualTo(9);
        assertThat(fifteen.tekiDataPort()).isEqualTo(-1);
    }

    @Test
    void telekinesisPortsBeyondTheIntRangeAreUnknownNotTruncatedIntoAnotherPort() {
        // 4294967297 = 2^32 + 1 was cast to the port 1
        SessionInfo s = info.parseLine(TV1 + "|4294967297|-4294967295");
        assertThat(s.tekiCtrlPort()).isEqualTo(-1);
        assertThat(s.tekiDataPort()).isEqualTo(-1);
        AgentInfo a = info.parseAgent("50\ncookie\n12345\nname\n30001\n30002\n30003\n4294967297\n4294967298\n");
        assertThat(a.tekiCtrlPort()).isEqualTo(-1);
        assertThat(a.tekiDataPort()).isEqualTo(-1);
    }

    @Test
    void nonAsciiDigitsAndPlusSignsAreNotNumbers() {
        // Integer.parseInt took "\u0663" (Arabic-Indic three) as 3 and "+7" as 7: junk became a session
        assertThatThrownBy(() -> info.parseLine("\u0663" + TV1.substring(TV1.indexOf('|'))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 0 (agent PID)");
        assertThatThrownBy(() -> info.parseLine(TV1.replace("|30003", "|+7")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 13 (sshfs port)");
        assertThat(info.parseLine(TV1.replace("|42|", "|\u0664\u0662|")).ageSeconds()).isEqualTo(-1);
        assertThat(info.parseLine(TV1 + "|+5|\u0665").tekiCtrlPort()).isEqualTo(-1);
        assertThat(info.parseLine(TV1 + " \t").sshfsPort()).isEqualTo(30003);
        assertThat(info.parseLine(TV1.replace("12345|", "-12345|")).agentPid()).isEqualTo(-12345);
        assertThatThrownBy(() -> info.parseLine(TV1.replace("12345|", "-|"))).hasMessageContaining("field 0");
        assertThatThrownBy(() -> info.parseAgent("\u0665\u0660\ncookie\n1\nname\n1\n2\n3\n"))
                .isInstanceOf(X2GoTerminalSessionException.class).hasMessageContaining("line 1 (display)");
    }

    @Test
    void tv6ListParsing() {
        SessionList two = list.parse(TV1 + "\n" + TV2 + "\n\n");
        assertThat(two.asMap().keySet()).containsExactly("user-50-1700000000_stDKDE_dp24",
                "user-51-1700000100_stRPUBLISHED_dp24");
        assertThat(two.skippedLines()).isEmpty();
        SessionList dup = list.parse(TV1 + "\n" + TV1.replace("|R|", "|S|") + "\n");
        assertThat(dup.size()).isEqualTo(1);
        assertThat(dup.sessions().get(0).status()).isEqualTo(ServerSessionStatus.SUSPENDED);
        assertThat(list.parse("")).isEqualTo(SessionList.EMPTY);
        assertThat(list.parse(null)).isEqualTo(SessionList.EMPTY);
        assertThat(list.parse(TV1 + "\r\n").sessions().get(0).sshfsPort()).isEqualTo(30003);
    }

    @Test
    void tv6GarbageLineIsSkippedAndValidLinesSurviveFixedPythonFailedTheWholeList() {
        SessionList l = list.parse(TV1 + "\ngarbage\n" + TV2 + "\n");
        assertThat(l.size()).isEqualTo(2);
        assertThat(l.skippedLines()).containsExactly("garbage");
    }

    @Test
    void aSessionStillStartingIsSkippedAndRecognisedAsSuch() {
        // captured from the real server while another client's x2gostartagent was running
        String starting = "|x2gotest-50-1795315661_stRxterm_dp24|50|vm|R|2026-11-22T02:47:41|||||2026-11-22T02:47:41"
                + "|x2gotest|0|||";
        SessionList l = list.parse(TV1 + "\n" + starting + "\n");
        assertThat(l.size()).isEqualTo(1);
        assertThat(l.skippedLines()).containsExactly(starting);
        assertThat(PlainSessionListParser.isStarting(starting)).isTrue();
        assertThat(PlainSessionListParser.isStarting("garbage")).isFalse();
        assertThat(PlainSessionListParser.isStarting("x|name|50|h|R|d|c|ip|1|2|d2|u|0|3")).isFalse();
        assertThat(PlainSessionListParser.isStarting(starting.replace("|50|", "|x|"))).isFalse();
    }

    @Test
    void localeWarningsReachingTheListAreSkipped() {
        String polluted = "perl:warning:Settinglocalefailed.\nperl:warning:Pleasecheckthatyourlocalesettings:\n"
                + "\tLANGUAGE=(unset),\n\tLC_ALL=(unset),\n\tLANG=\"en_US.UTF-8\"\naresupportedandinstalledonyoursystem.\n"
                + "perl:warning:Fallingbacktothestandardlocale(\"C\").\n" + REAL + "\n";
        SessionList l = list.parse(polluted);
        assertThat(l.size()).isEqualTo(1);
        assertThat(l.skippedLines()).hasSize(7);
    }

    @Test
    void tv9SevenLineAgentAnswer() {
        AgentInfo a = info.parseAgent("50\n0123456789abcdef0123456789abcdef\n12345\nuser-50-1700000000_stDKDE_dp24\n"
                + "30001\n30002\n30003\n");
        assertThat(a).isEqualTo(new AgentInfo(50, "0123456789abcdef0123456789abcdef", 12345,
                "user-50-1700000000_stDKDE_dp24", 30001, 30002, 30003, -1, -1));
    }

    @Test
    void tv10NineLineAgentAnswerWithCrlf() {
        AgentInfo a = info.parseAgent("50\r\ncookie\r\n12345\r\nuser-50-1700000000_stRPUBLISHED_dp24\r\n30001\r\n"
                + "30002\r\n30003\r\n30010\r\n30011\r\n");
        assertThat(a.tekiCtrlPort()).isEqualTo(30010);
        assertThat(a.tekiDataPort()).isEqualTo(30011);
        assertThat(SessionTypeRules.normalise("PUBLISHED", "P", false, true, "800x600").type()).isEqualTo("P");
    }

    @ParameterizedTest
    @ValueSource(strings = {"50\ncookie\n12345\nname\n30001\n30002\n", "50\ncookie\n12345\nname\n30001\n30002\nabc\n",
        "", "ACCESS DENIED\n", "50\n\n12345\nname\n1\n2\n3\n"})
    void tv11BadAgentAnswersGiveTerminalException(String out) {
        assertThatThrownBy(() -> info.parseAgent(out)).isInstanceOf(X2GoTerminalSessionException.class)
                .hasMessageContaining("x2gostartagent");
    }

    @Test
    void providersAreNamedPlain() {
        assertThat(info.name()).isEqualTo("PLAIN");
        assertThat(list.name()).isEqualTo("PLAIN");
        assertThat(new PlainControlSessionProvider().name()).isEqualTo("PLAIN");
        assertThat(new PlainTerminalSessionProvider().name()).isEqualTo("PLAIN");
        assertThat(new JschTransport().name()).isEqualTo("JSCH");
    }

    @Test
    void agentAnswersOfExactlySevenAndEightLinesWithoutFinalNewline() {
        AgentInfo seven = info.parseAgent("50\ncookie\n12345\nname\n1\n2\n3");
        assertThat(seven).isEqualTo(new AgentInfo(50, "cookie", 12345, "name", 1, 2, 3, -1, -1));
        AgentInfo eight = info.parseAgent("50\ncookie\n12345\nname\n1\n2\n3\n4");
        assertThat(eight.tekiCtrlPort()).isEqualTo(4);
        assertThat(eight.tekiDataPort()).isEqualTo(-1);
        assertThatThrownBy(() -> info.parseAgent("50\ncookie\n12345\nname\n1\n2"))
                .hasMessageContaining("only 6 lines, 7 needed");
        assertThatThrownBy(() -> info.parseAgent(null)).hasMessageContaining("only 1 lines");
        assertThatThrownBy(() -> info.parseAgent("50\ncookie\n12345\na|b\n1\n2\n3\n"))
                .hasMessageContaining("line 4 (session name) is not a session name: 'a|b'");
        assertThatThrownBy(() -> info.parseAgent("50\ncookie\n12345\n \n1\n2\n3\n"))
                .hasMessageContaining("line 4 (session name)");
        assertThatThrownBy(() -> info.parseAgent("50\n \n12345\nname\n1\n2\n3\n"))
                .hasMessageContaining("line 2 (cookie) is empty");
    }

    @Test
    void aStartingRowNeedsAllFourteenFieldsAndEmptyPidCookieAndPorts() {
        String starting = "|x2gotest-50-1795315661_stRxterm_dp24|50|vm|R|2026-11-22T02:47:41|||||2026-11-22T02:47:41"
                + "|x2gotest|0|||";
        assertThat(PlainSessionListParser.isStarting(starting)).isTrue();
        String[] f = starting.split("\\|", -1);
        assertThat(PlainSessionListParser.isStarting(String.join("|", java.util.Arrays.copyOf(f, 14)))).isTrue();
        assertThat(PlainSessionListParser.isStarting(String.join("|", java.util.Arrays.copyOf(f, 13)))).isFalse();
        for (int i : new int[] {0, 6, 8, 9}) {
            String[] g = f.clone();
            g[i] = "1";
            assertThat(PlainSessionListParser.isStarting(String.join("|", g))).as("field %d set", i).isFalse();
        }
        String[] noName = f.clone();
        noName[1] = "";
        assertThat(PlainSessionListParser.isStarting(String.join("|", noName))).isFalse();
        assertThat(PlainSessionListParser.isStarting(starting.replace("|50|", "| 50 |"))).isTrue();
    }

    @Test
    void aLineNeedsANameAndParsesTheRestStripped() {
        assertThatThrownBy(() -> info.parseLine(TV1.replace("|user-50-1700000000_stDKDE_dp24|", "| |")))
                .hasMessageContaining("empty session name (field 1)");
        assertThatThrownBy(() -> info.parseLine(null)).isInstanceOf(IllegalArgumentException.class);
        SessionInfo s = info.parseLine("  " + TV1.replace("|x2goserver|", "| x2goserver |") + "|x|y|z  \r");
        assertThat(s.hostname()).isEqualTo("x2goserver");
        assertThat(s.tekiCtrlPort()).isEqualTo(-1);
        assertThat(s.sshfsPort()).isEqualTo(30003);
        assertThat(info.parseLine(TV1.replace("|42|", "|-7|")).ageSeconds()).isEqualTo(-7);
    }
}
