package org.x2go.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.x2go.api.AgentInfo;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.X2GoTerminalSessionException;
import org.x2go.spi.SessionInfoParser;
import org.x2go.spi.SessionListParser;

/**
 * Compatibility kit for {@link SessionListParser} and {@link SessionInfoParser} (spec R-INF-1, R-INF-3,
 * R-INF-7), on lines as x2goserver 4.1.0.3 prints them. A subclass provides both parsers:
 *
 * <pre>{@code
 * class PlainParsersKitTest extends SessionListParserCompatibilityKit {
 *     @Override protected SessionListParser listParser() { return new PlainSessionListParser(); }
 *     @Override protected SessionInfoParser infoParser() { return new PlainSessionInfoParser(); }
 * }
 * }</pre>
 */
public abstract class SessionListParserCompatibilityKit {

    /** A running session as a real x2goserver 4.1.0.3 lists it (16 fields). */
    public static final String RUNNING = "10750|alice-50-1795303181_stRxterm_dp24|50|vm|R|2026-11-21T23:19:41|"
            + "e462d8aa6778e07c4176a25b0a85db37|127.0.0.1|39996|39997|2026-11-21T23:19:43|alice|36|39998|-1|-1";
    /** A suspended session in the older 14-field form. */
    public static final String SUSPENDED = "12346|alice-51-1700000100_stDKDE_dp24|51|vm|S|2023-11-14T22:15:00|"
            + "fedcba9876543210fedcba9876543210|192.168.1.10|30004|30005|2023-11-14T23:00:00|alice|2700|30006";
    /** The 7-line answer of {@code x2gostartagent}. */
    public static final String AGENT = "50\n0123456789abcdef0123456789abcdef\n12345\nalice-50-1700000000_stDKDE_dp24\n"
            + "30001\n30002\n30003\n";

    /** @return the list parser under test */
    protected abstract SessionListParser listParser();

    /** @return the single-line parser under test */
    protected abstract SessionInfoParser infoParser();

    /** Both names are selectable. */
    @Test
    void namesAreSelectable() {
        ProviderNames.assertSelectable(listParser());
        ProviderNames.assertSelectable(infoParser());
    }

    /** Empty output is an empty list. */
    @Test
    void emptyOutputIsAnEmptyList() {
        SessionList l = listParser().parse("");
        assertEquals(0, l.size());
        assertEquals(List.of(), l.skippedLines());
        assertEquals(0, listParser().parse("\n\n").size());
    }

    /** Every field of a real line lands where it belongs. */
    @Test
    void realLineIsParsedFieldByField() {
        SessionInfo s = infoParser().parseLine(RUNNING);
        assertEquals(10750, s.agentPid());
        assertEquals("alice-50-1795303181_stRxterm_dp24", s.name());
        assertEquals(50, s.display());
        assertEquals("vm", s.hostname());
        assertEquals(ServerSessionStatus.RUNNING, s.status());
        assertEquals("e462d8aa6778e07c4176a25b0a85db37", s.cookie());
        assertEquals("127.0.0.1", s.clientIp());
        assertEquals(39996, s.graphicsPort());
        assertEquals(39997, s.soundPort());
        assertEquals("alice", s.username());
        assertEquals(39998, s.sshfsPort());
        assertEquals(ServerSessionStatus.SUSPENDED, infoParser().parseLine(SUSPENDED).status());
    }

    /** The list parser agrees with the line parser. */
    @Test
    void listAndLineParsersAgree() {
        SessionList l = listParser().parse(RUNNING + "\n" + SUSPENDED + "\n");
        assertEquals(List.of(infoParser().parseLine(RUNNING), infoParser().parseLine(SUSPENDED)), l.sessions());
        assertEquals(List.of(), l.skippedLines());
    }

    /** CRLF line endings (a server with a DOS-style login script) change nothing. */
    @Test
    void crlfLineEndingsAreAccepted() {
        SessionList l = listParser().parse(RUNNING + "\r\n" + SUSPENDED + "\r\n");
        assertEquals(2, l.size());
        assertEquals("alice-51-1700000100_stDKDE_dp24", l.sessions().get(1).name());
    }

    /** Malformed lines are skipped and reported; the good lines around them survive; nothing throws. */
    @Test
    void malformedLinesAreSkippedNotFatal() {
        String garbage = "perl: warning: Setting locale failed.";
        SessionList l = listParser().parse(garbage + "\n" + RUNNING + "\nnot|enough|fields\n" + SUSPENDED + "\n"
                + "\u0000\u00ff|x|" + "y".repeat(10_000) + "\n");
        assertEquals(2, l.size(), "valid sessions: " + l.sessions());
        assertTrue(l.skippedLines().size() >= 3, "skipped: " + l.skippedLines().size());
        assertTrue(l.skippedLines().stream().anyMatch(s -> s.contains("locale")), "the locale warning is reported");
    }

    /** A malformed single line is an {@link IllegalArgumentException}. */
    @Test
    void malformedSingleLineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> infoParser().parseLine("not|enough|fields"));
        assertThrows(IllegalArgumentException.class, () -> infoParser().parseLine(RUNNING.replace("|50|", "|x|")));
        assertThrows(IllegalArgumentException.class,
                () -> infoParser().parseLine(RUNNING.replace("|39996|", "|port|")));
    }

    /** The agent's 7-line answer gives its facts; the Telekinesis ports are absent (-1). */
    @Test
    void agentAnswerIsParsed() {
        AgentInfo a = infoParser().parseAgent(AGENT);
        assertEquals(new AgentInfo(50, "0123456789abcdef0123456789abcdef", 12345, "alice-50-1700000000_stDKDE_dp24",
                30001, 30002, 30003, -1, -1), a);
        AgentInfo nine = infoParser().parseAgent(AGENT.replace("\n", "\r\n") + "30010\r\n30011\r\n");
        assertEquals(30010, nine.tekiCtrlPort());
        assertEquals(30011, nine.tekiDataPort());
    }

    /** An answer that is not an agent's is a terminal-session error carrying the server's text. */
    @Test
    void badAgentAnswerIsATerminalSessionError() {
        X2GoTerminalSessionException e = assertThrows(X2GoTerminalSessionException.class,
                () -> infoParser().parseAgent("ACCESS DENIED\n"));
        assertTrue(e.getMessage().contains("ACCESS DENIED"), e.getMessage());
        assertThrows(X2GoTerminalSessionException.class, () -> infoParser().parseAgent(""));
        assertThrows(X2GoTerminalSessionException.class, () -> infoParser().parseAgent("50\ncookie\n1\nname\n1\n2\n"));
    }
}
