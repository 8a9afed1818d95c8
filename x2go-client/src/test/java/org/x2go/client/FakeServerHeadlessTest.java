package org.x2go.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoProxyException;
import org.x2go.spi.GraphicsProxy;
import org.x2go.testkit.AgentState;
import org.x2go.testkit.FakeX2GoServerExtension;

/** The real client stack (PLAIN, JSCH, TUNNEL) on the testkit's fake server, which ends a never-attached session on suspend. */
class FakeServerHeadlessTest {
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final TerminalParams PARAMS = TerminalParams.builder().command("xterm").build();

    @RegisterExtension
    final FakeX2GoServerExtension x2go = FakeX2GoServerExtension.perTest();

    @TempDir
    Path home;

    private X2GoClient.Builder builder() {
        return X2GoClient.builder().systemProperties(new Properties()).sessionsRoot(home).ownOperationWait(STEP);
    }

    @Test
    void headlessSuspendOfASessionNoNxClientAttachedToIsRefusedAndTheServerKeepsIt() {
        try (X2GoClient client = builder().graphics(false).build()) {
            String p = client.connect("fake", x2go.connectOptions());
            UUID u = client.startSession(p, PARAMS);
            String name = client.summary(u).orElseThrow().sessionName();
            assertThatThrownBy(() -> client.suspendSession(u)).isInstanceOf(SessionNeverAttachedException.class)
                    .hasMessageContaining(name).hasMessageContaining("TUNNEL");
            // was: the suspend went out, the agent aborted and the session was gone (F)
            assertThat(x2go.sessions().get(name).status()).isEqualTo(ServerSessionStatus.RUNNING);
            assertThat(x2go.sessions().get(name).agentState()).isEqualTo(AgentState.STARTING);
            assertThat(x2go.receivedCommands()).noneMatch(c -> c.contains("x2gosuspend-session"));
            client.terminateSession(u);
        }
    }

    @Test
    void theTunnelProxyNeedsNoDisplayAndTakesItsOptionsFromTheBuilder() throws Exception {
        try (X2GoClient client = builder().set("x2go.backend.proxy", "tunnel").display(null)
                .backendOption("x2go.proxy.tunnel.attach", "none")
                .backendOption("x2go.proxy.tunnel.xvfb", home.resolve("no-such-Xvfb").toString()).build()) {
            String p = client.connect("fake", x2go.connectOptions());
            UUID u = client.startSession(p, PARAMS);
            GraphicsProxy proxy = client.graphicsProxy(u).orElseThrow();
            assertThat(proxy.tunnelAddress().getAddress().isLoopbackAddress()).isTrue();
            assertThat(proxy.sessionCookie()).isPresent();
            client.terminateSession(u);
        }
        // the same options reach the provider: HEADLESS needs the (missing) Xvfb and says which key to set
        try (X2GoClient client = builder().set("x2go.backend.proxy", "tunnel").display(null)
                .backendOption("x2go.proxy.tunnel.attach", "headless")
                .backendOption("x2go.proxy.tunnel.xvfb", home.resolve("no-such-Xvfb").toString()).build()) {
            String p = client.connect("fake", x2go.connectOptions());
            assertThatThrownBy(() -> client.startSession(p, PARAMS)).isInstanceOf(X2GoProxyException.class)
                    .hasMessageContaining("no-such-Xvfb").hasMessageContaining("x2go.proxy.tunnel.xvfb");
        }
    }

    @Test
    void theNx3ProxyRefusesAGraphicsClientWithoutDisplayWhenTheClientIsBuilt() {
        assertThatThrownBy(() -> builder().display(null).graphics(true).build())
                .isInstanceOf(X2GoProxyException.class)
                .extracting(e -> ((X2GoProxyException) e).reason()).isEqualTo(X2GoProxyException.Reason.NO_DISPLAY);
    }
}
