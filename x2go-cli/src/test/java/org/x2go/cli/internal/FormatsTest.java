package org.x2go.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.x2go.api.ConnectOptions;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.SessionProfile;

class FormatsTest {
    static SessionInfo session(String name, ServerSessionStatus status, int display) {
        return new SessionInfo(4242, name, display, "vm", status, "2026-11-21T23:19:41", "e462d8aa6778e07c4176a25b0a85db37",
                "127.0.0.1", 39996, 39997, "2026-11-21T23:19:43", "x2gotest", 12, 39998, -1, -1);
    }

    static final String NAME = "x2gotest-50-1795303181_stRxterm_dp24";

    @Test
    void tablesAndListsShowServerTextVisibleAndAligned() {
        String h = ErrorReporterTest.HOSTILE;
        String table = Formats.sessionTable(new SessionList(List.of(session(h, ServerSessionStatus.RUNNING, 50),
                session(NAME, ServerSessionStatus.SUSPENDED, 51)), List.of()));
        assertThat(table).doesNotContain("\u001b", "\u0007").contains(ErrorReporterTest.VISIBLE);
        String[] lines = table.split("\n");
        assertThat(lines[1].indexOf("running")).isEqualTo(lines[0].indexOf("STATUS"));
        assertThat(Formats.desktopList(List.of("bob@55\u001b[2J", "eve@\u202e1")))
                .isEqualTo("bob@55\\x1b[2J\neve@\\u202e1\n");
        String json = Formats.desktopsJson(List.of("bob@55\u001b[2J"));
        assertThat(json).isEqualTo("{\"desktops\":[\"bob@55\\u001b[2J\"]}\n");
    }

    @Test
    void emptyListUsesPyhocaSentence() {
        assertThat(Formats.sessionTable(SessionList.EMPTY))
                .isEqualTo("No running/suspended sessions found on X2Go server.\n");
    }

    @Test
    void tableHasHeaderAndAlignedColumns() {
        SessionList list = new SessionList(List.of(session(NAME, ServerSessionStatus.RUNNING, 50),
                session("x2gotest-51-1795303999_stDXFCE_dp24", ServerSessionStatus.SUSPENDED, 51)), List.of());
        String[] lines = Formats.sessionTable(list).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("NAME").contains("STATUS", "DISPLAY", "CREATED", "PORTS (gr/snd/sshfs)");
        assertThat(lines[1]).startsWith(NAME).contains("running", "50", "2026-11-21T23:19:41", "39996/39997/39998");
        assertThat(lines[2]).contains("suspended", "51");
        // columns line up: STATUS starts at the same index in every row
        int col = lines[0].indexOf("STATUS");
        assertThat(lines[1].indexOf("running")).isEqualTo(col);
        assertThat(lines[2].indexOf("suspended")).isEqualTo(col);
    }

    @Test
    void neverPrintsTheAgentCookie() {
        SessionList list = new SessionList(List.of(session(NAME, ServerSessionStatus.RUNNING, 50)), List.of());
        ConnectOptions c = ConnectOptions.builder("127.0.0.1", "x2gotest").port(2222).build();
        assertThat(Formats.sessionTable(list)).doesNotContain("e462d8aa");
        assertThat(Formats.sessionsJson(c, list)).doesNotContain("e462d8aa").doesNotContain("cookie");
    }

    @Test
    void jsonCarriesServerSessionsAndSkippedLines() {
        SessionList list = new SessionList(List.of(session(NAME, ServerSessionStatus.SUSPENDED, 50)),
                List.of("perl: warning: Setting locale failed."));
        ConnectOptions c = ConnectOptions.builder("127.0.0.1", "x2gotest").port(2222).build();
        assertThat(Formats.sessionsJson(c, list)).isEqualTo("{\"server\":\"127.0.0.1\",\"port\":2222,\"username\":\"x2gotest\","
                + "\"sessions\":[{\"name\":\"" + NAME + "\",\"status\":\"suspended\",\"display\":50,\"type\":\"rootless\","
                + "\"command\":\"xterm\",\"agentPid\":4242,\"hostname\":\"vm\",\"username\":\"x2gotest\","
                + "\"createdAt\":\"2026-11-21T23:19:41\",\"lastChangedAt\":\"2026-11-21T23:19:43\",\"graphicsPort\":39996,"
                + "\"soundPort\":39997,\"sshfsPort\":39998}],\"skippedLines\":[\"perl: warning: Setting locale failed.\"]}\n");
    }

    @Test
    void commandIsTakenFromTheSessionName() {
        assertThat(Formats.commandOf(NAME)).contains("xterm");
        assertThat(Formats.commandOf("x2gotest-51-1795303999_stDXFCE_dp24")).contains("XFCE");
        assertThat(Formats.commandOf("garbage")).isEmpty();
    }

    @Test
    void desktopsAndEmptyDesktops() {
        assertThat(Formats.desktopList(List.of())).startsWith("No X2Go desktop sessions found");
        assertThat(Formats.desktopList(List.of("alice@50", "bob@51"))).isEqualTo("alice@50\nbob@51\n");
        assertThat(Formats.desktopsJson(List.of("alice@50"))).isEqualTo("{\"desktops\":[\"alice@50\"]}\n");
    }

    @Test
    void profileTableShowsServerUserPortAndCommand() {
        SessionProfile p = new SessionProfile("123", "office", Map.of("host", "srv.example", "user", "alice",
                "sshport", "2222", "command", "XFCE"));
        String t = Formats.profileTable(List.of(p));
        assertThat(t.split("\n")[0]).startsWith("ID").contains("NAME", "SERVER", "USER", "PORT", "COMMAND");
        assertThat(t.split("\n")[1]).contains("123", "office", "srv.example", "alice", "2222", "XFCE");
        assertThat(Formats.profileTable(List.of())).isEqualTo("No X2Go session profiles found.\n");
        assertThat(Formats.profilesJson(List.of(p))).startsWith("{\"profiles\":[{\"id\":\"123\",\"name\":\"office\",\"values\":{");
    }
}
