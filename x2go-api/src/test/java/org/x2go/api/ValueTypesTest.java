package org.x2go.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class ValueTypesTest {

    private static SessionInfo info(String name, ServerSessionStatus st) {
        return SessionInfo.builder().agentPid(1).name(name).display(50).hostname("vm").status(st)
                .createdAt("2026-11-22T00:43:42").cookie("ab").clientIp("127.0.0.1").graphicsPort(37384).soundPort(37385)
                .lastChangedAt("2026-11-22T00:43:44").username("x2gotest").ageSeconds(14).sshfsPort(37386).build();
    }

    @Test
    void sessionNameFacts() {
        assertThat(SessionNames.sessionType("alice-50-1700000000_stDKDE_dp24")).contains(SessionType.DESKTOP);
        assertThat(SessionNames.sessionType("x2gotest-50-1795308221_stRxterm_dp24")).contains(SessionType.ROOTLESS);
        assertThat(SessionNames.sessionType("bob-51-1700000000_stRPUBLISHED_dp24")).contains(SessionType.PUBLISHED);
        assertThat(SessionNames.sessionType("nounderscore")).isEmpty();
        assertThat(SessionNames.colourDepth("alice-50-1700000000_stDKDE_dp24")).hasValue(24);
        assertThat(SessionNames.colourDepth("alice-50-1700000000_stDKDE_dpX")).isEmpty();
        assertThat(SessionNames.shareMode("alice-52-1700000000_stS1XSHADbobXSHADPP50_dp24")).hasValue(1);
        assertThat(SessionNames.shareMode("alice-50-1700000000_stDKDE_dp24")).isEmpty();
        assertThat(SessionNames.timestampToken("alice-50-1700000000_stDKDE_dp24")).contains("1700000000");
    }

    @Test
    void sessionInfoDerivedPredicates() {
        SessionInfo r = info("x2gotest-50-1795308221_stRxterm_dp24", ServerSessionStatus.RUNNING);
        assertThat(r.isRunning()).isTrue();
        assertThat(r.isSuspended()).isFalse();
        assertThat(r.sessionType()).contains(SessionType.ROOTLESS);
        assertThat(r.isDesktopSession()).isFalse();
        assertThat(info("a-50-1_stDXFCE_dp24", ServerSessionStatus.SUSPENDED).isDesktopSession()).isTrue();
        assertThatThrownBy(() -> info(" ", ServerSessionStatus.RUNNING)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusLetters() {
        assertThat(ServerSessionStatus.fromLetter("R\r")).isEqualTo(ServerSessionStatus.RUNNING);
        assertThat(ServerSessionStatus.fromLetter("S")).isEqualTo(ServerSessionStatus.SUSPENDED);
        assertThat(ServerSessionStatus.fromLetter("T")).isEqualTo(ServerSessionStatus.TERMINATED);
        assertThat(ServerSessionStatus.fromLetter("X")).isEqualTo(ServerSessionStatus.UNKNOWN);
        assertThat(ServerSessionStatus.fromLetter(null)).isEqualTo(ServerSessionStatus.UNKNOWN);
    }

    @Test
    void sessionListLaterDuplicateWins() {
        SessionInfo a = info("a-50-1_stRxterm_dp24", ServerSessionStatus.RUNNING);
        SessionInfo a2 = info("a-50-1_stRxterm_dp24", ServerSessionStatus.SUSPENDED);
        SessionInfo b = info("b-51-1_stRxterm_dp24", ServerSessionStatus.RUNNING);
        SessionList l = new SessionList(List.of(a, b, a2), List.of("garbage"));
        assertThat(l.size()).isEqualTo(2);
        assertThat(l.byName("a-50-1_stRxterm_dp24")).contains(a2);
        assertThat(l.asMap().keySet()).containsExactly("a-50-1_stRxterm_dp24", "b-51-1_stRxterm_dp24");
        assertThat(l.skippedLines()).containsExactly("garbage");
    }

    @Test
    void stateTransitions() {
        assertThat(SessionState.NEW.canTransitionTo(SessionState.CONNECTED)).isTrue();
        assertThat(SessionState.RUNNING.canTransitionTo(SessionState.SUSPENDED)).isTrue();
        assertThat(SessionState.SUSPENDED.canTransitionTo(SessionState.RESUMING)).isTrue();
        assertThat(SessionState.TERMINATED.canTransitionTo(SessionState.RUNNING)).isFalse();
        assertThat(SessionState.NEW.canTransitionTo(SessionState.STARTING)).isFalse();
        assertThat(SessionState.DISCONNECTED.canTransitionTo(SessionState.SUSPENDED)).isFalse();
        assertThat(SessionState.RUNNING.hasServerSession()).isTrue();
        assertThat(SessionState.CONNECTED.hasServerSession()).isFalse();
    }

    @Test
    void connectOptionsValidateAndHideSecrets() {
        ConnectOptions o = ConnectOptions.builder("127.0.0.1", "x2gotest").port(2222).password("s3cret")
                .privateKey(Path.of("/k")).knownHosts(Path.of("/kh")).build();
        assertThat(o.toString()).doesNotContain("s3cret").contains("x2gotest@127.0.0.1:2222");
        assertThat(o.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
        assertThat(o.toBuilder().build()).isEqualTo(o);
        assertThatThrownBy(() -> ConnectOptions.builder("h", "u").port(0).build())
                .hasMessageContaining("port out of range");
        assertThatThrownBy(() -> ConnectOptions.builder("h", " ").build()).hasMessageContaining("username");
        assertThatThrownBy(() -> ConnectOptions.builder("h", "u").commandTimeout(java.time.Duration.ZERO).build())
                .hasMessageContaining("commandTimeout");
    }

    @Test
    void terminalParamsDefaultsAndValidation() {
        TerminalParams p = TerminalParams.builder().build();
        assertThat(p.geometry()).isEqualTo("800x600");
        assertThat(p.link().wire()).isEqualTo("adsl");
        assertThat(p.pack()).isEqualTo("16m-jpeg-9");
        assertThat(p.kbType()).isEqualTo("null/null");
        assertThat(p.clipboard().wire()).isEqualTo("both");
        assertThat(p.dpi()).isEqualTo(OptionalInt.empty());
        assertThat(p.toBuilder().build()).isEqualTo(p);
        assertThatThrownBy(() -> TerminalParams.builder().geometry("800x600; rm -rf /").build())
                .hasMessageContaining("geometry");
        assertThatThrownBy(() -> TerminalParams.builder().depth(23).build()).hasMessageContaining("depth");
    }

    @Test
    void sessionTypeWords() {
        assertThat(SessionType.parse("application")).contains(SessionType.ROOTLESS);
        assertThat(SessionType.parse("Desktop")).contains(SessionType.DESKTOP);
        assertThat(SessionType.parse("shadow")).contains(SessionType.SHADOW);
        assertThat(SessionType.parse("bogus")).isEmpty();
    }

    @Test
    void hostKeyExceptionCarriesFingerprint() {
        X2GoHostKeyException e = new X2GoHostKeyException("127.0.0.1", 2222, "ssh-ed25519", "SHA256:abc",
                X2GoHostKeyException.Reason.UNKNOWN);
        assertThat(e.getMessage()).contains("[127.0.0.1]:2222").contains("SHA256:abc");
        assertThat(e).isInstanceOf(X2GoException.class).isInstanceOf(RuntimeException.class);
        assertThat(new X2GoHostKeyException("h", 22, "t", "SHA256:x", X2GoHostKeyException.Reason.CHANGED)
                .getMessage()).startsWith("HOST KEY FOR h HAS CHANGED");
    }

    @Test
    void summaryNormalisesMissingText() {
        SessionSummary s = new SessionSummary(java.util.UUID.randomUUID(), null, null, null, SessionState.NEW,
                false, false, null, null);
        assertThat(s.profileName()).isEmpty();
        assertThat(s.info()).isEqualTo(Optional.empty());
    }
}
