package org.x2go.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionInfoBuilderTest {
    private static final String NAME = "x2gotest-50-1795308221_stRxterm_dp24";

    private static SessionInfo positional() {
        return new SessionInfo(4711, NAME, 50, "vm", ServerSessionStatus.RUNNING, "2026-11-22T00:43:42", "ab12",
                "127.0.0.1", 30001, 30002, "2026-11-22T00:43:44", "x2gotest", 14, 30003, 30004, 30005);
    }

    @Test
    void theBuilderSetsEveryFieldByName() {
        SessionInfo built = SessionInfo.builder().agentPid(4711).name(NAME).display(50).hostname("vm")
                .status(ServerSessionStatus.RUNNING).createdAt("2026-11-22T00:43:42").cookie("ab12").clientIp("127.0.0.1")
                .graphicsPort(30001).soundPort(30002).lastChangedAt("2026-11-22T00:43:44").username("x2gotest")
                .ageSeconds(14).sshfsPort(30003).tekiCtrlPort(30004).tekiDataPort(30005).build();
        assertThat(built).isEqualTo(positional());
    }

    @Test
    void unsetFieldsAreEmptyZeroOrUnknown() {
        SessionInfo s = SessionInfo.builder().name(NAME).status(ServerSessionStatus.SUSPENDED).build();
        assertThat(s).isEqualTo(new SessionInfo(0, NAME, 0, "", ServerSessionStatus.SUSPENDED, "", "", "", 0, 0, "", "",
                -1, 0, -1, -1));
        assertThat(SessionInfo.builder().name(NAME).status(ServerSessionStatus.RUNNING).hostname(null).cookie(null).build()
                .cookie()).isEmpty();
    }

    @Test
    void buildAppliesTheRecordsChecks() {
        assertThatThrownBy(() -> SessionInfo.builder().status(ServerSessionStatus.RUNNING).build())
                .isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> SessionInfo.builder().name(NAME).build())
                .isInstanceOf(NullPointerException.class).hasMessage("status");
        assertThatThrownBy(() -> SessionInfo.builder().name(" ").status(ServerSessionStatus.RUNNING).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toBuilderCopiesEveryFieldAndChangesOnlyWhatIsSet() {
        SessionInfo s = positional();
        assertThat(s.toBuilder().build()).isEqualTo(s);
        SessionInfo suspended = s.toBuilder().status(ServerSessionStatus.SUSPENDED).build();
        assertThat(suspended.status()).isEqualTo(ServerSessionStatus.SUSPENDED);
        assertThat(suspended.toBuilder().status(ServerSessionStatus.RUNNING).build()).isEqualTo(s);
        assertThat(s.status()).as("the original is unchanged").isEqualTo(ServerSessionStatus.RUNNING);
    }
}
