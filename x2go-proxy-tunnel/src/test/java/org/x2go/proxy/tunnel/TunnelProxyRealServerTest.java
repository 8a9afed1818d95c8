package org.x2go.proxy.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.AgentInfo;
import org.x2go.api.SessionInfo;
import org.x2go.api.TerminalParams;
import org.x2go.backend.plain.JschTransport;
import org.x2go.backend.plain.PlainControlSessionProvider;
import org.x2go.backend.plain.PlainSessionListParser;
import org.x2go.backend.plain.PlainTerminalSessionProvider;
import org.x2go.spi.ControlSession;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.ProxyRequest;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.TerminalSession;
import org.x2go.testkit.RealX2GoServer;

/**
 * The TUNNEL backend against the real x2goserver that {@code scripts/x2go-test-server} runs on
 * 127.0.0.1:2222, through the provider SPI, the PLAIN control and terminal backends and JSch. No X display
 * is given: the session must reach RUNNING, survive a suspend (listed S, not gone), resume and terminate.
 * Skipped when the server is not up, failed instead when {@code CI=true}.
 */
@Tag("real-server")
class TunnelProxyRealServerTest {
    private static final Duration STEP = Duration.ofSeconds(45);

    @TempDir
    Path tmp;

    private RealX2GoServer server;

    @BeforeEach
    void requireServer() throws InterruptedException {
        server = RealX2GoServer.require();
        TunnelOptions d = TunnelOptions.defaults();
        if (!Files.isExecutable(d.nxproxy()) || !Files.isExecutable(d.xvfb())) {
            RealX2GoServer.unavailable(d.nxproxy() + " or " + d.xvfb() + " is not installed");
        }
        // the previous module's real-server tests may have just ended sessions whose agents still hold displays
        server.awaitSettled(Duration.ofSeconds(20));
    }

    @Test
    void headlessSessionSurvivesSuspendAndResumesWithoutADisplay() throws Exception {
        TunnelProxyProvider provider = new TunnelProxyProvider(TunnelOptions.defaults());
        PlainTerminalSessionProvider terminals = new PlainTerminalSessionProvider();
        TerminalParams params = TerminalParams.builder().command("xterm").build();
        Path root = tmp.resolve(".x2go");
        List<GraphicsProxy> proxies = new ArrayList<>();
        String name = null;
        try (RemoteShell shell = new JschTransport().connect(server.connectOptions());
             ControlSession control = new PlainControlSessionProvider().create(shell, new PlainSessionListParser(),
                     Duration.ofSeconds(60))) {
            try {
                TerminalSession terminal = terminals.start(control, params);
                AgentInfo agent = terminal.agent();
                name = agent.sessionName();
                GraphicsProxy proxy = provider.start(new ProxyRequest(shell, agent, root, "unused"));
                proxies.add(proxy);
                assertThat(proxy.sessionCookie()).contains(agent.cookie());
                terminal.runCommand();
                awaitAgentState(control, name, "RUNNING");
                awaitListed(control, name, 'R');
                assertThat(proxy.isAlive()).isTrue();

                CountDownLatch proxyEnded = new CountDownLatch(1);
                proxy.onExit(c -> proxyEnded.countDown());
                control.suspend(name);
                awaitListed(control, name, 'S');
                awaitAgentState(control, name, "SUSPENDED");
                assertThat(proxyEnded.await(STEP.toSeconds(), TimeUnit.SECONDS))
                        .as("nxproxy ends when the agent suspends").isTrue();
                assertThat(proxy.isAlive()).isFalse();

                TerminalSession resumed = terminals.resume(control, name, params);
                GraphicsProxy again = provider.start(new ProxyRequest(shell, resumed.agent(), root, "unused"));
                proxies.add(again);
                awaitAgentState(control, name, "RUNNING");
                awaitListed(control, name, 'R');
                assertThat(again.isAlive()).isTrue();

                control.terminate(name);
                String gone = name;
                await(name + " gone from the list", () -> control.listSessions().byName(gone).isEmpty());
            } finally {
                proxies.forEach(GraphicsProxy::close);
                if (name != null && control.listSessions().byName(name).isPresent()) {
                    control.terminate(name); // a failed assertion must not leave the session behind
                }
            }
        }
    }

    private static void awaitAgentState(ControlSession control, String name, String state) throws InterruptedException {
        String[] seen = {""};
        await("agent state " + state + " of " + name + " (last seen: " + seen[0] + ")", () -> {
            seen[0] = control.run("cat ~/.x2go/C-" + name + "/state").stdout().strip();
            return state.equals(seen[0]);
        });
    }

    private static void awaitListed(ControlSession control, String name, char status) throws InterruptedException {
        await(name + " listed as " + status, () -> control.listSessions().byName(name)
                .map(SessionInfo::status).filter(s -> s.letter() == status).isPresent());
    }

    /** Polls every 200 ms until the condition holds, failing after {@link #STEP}. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + STEP + " waiting for " + what);
            }
            Thread.sleep(200); // polling interval; the condition is re-checked
        }
    }
}
