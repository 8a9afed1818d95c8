package org.x2go.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.x2go.api.ConnectOptions;
import org.x2go.api.HostKeyPolicy;
import org.x2go.api.HttpProxy;
import org.x2go.api.X2GoAuthenticationException;
import org.x2go.api.X2GoHostKeyException;
import org.x2go.api.X2GoSshException;
import org.x2go.spi.CommandResult;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SshTransport;

/**
 * Jump host and HTTP proxy against the real bastion, tinyproxy and the X2Go sshd in a network namespace
 * that only the bastion can reach (scripts/x2go-test-network).
 */
@Tag("real-server")
class NetworkJumpHostTest {

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> transports() {
        return NetworkLab.transports();
    }

    private static String run(RemoteShell shell, String cmd) {
        CommandResult r = shell.exec(cmd, Duration.ofSeconds(20));
        assertThat(r.exitStatus()).as("exit status of %s: %s", cmd, r.stderr()).isZero();
        return r.stdout();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void directConnectionToTheNamespacedServerFails(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        assertThatThrownBy(() -> transport.connect(lab.target().connectTimeout(Duration.ofSeconds(3)).build()).close())
                .isInstanceOf(X2GoSshException.class).hasMessageContaining(lab.get("X2GO_NET_TARGET_HOST"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void jumpHostCarriesTheConnectionAndTheServerSeesTheBastionAsPeer(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        try (RemoteShell shell = transport.connect(lab.target().jumpHost(lab.bastion()).build())) {
            String out = run(shell, "echo conn=$SSH_CONNECTION; x2goversion x2goserver");
            assertThat(out).contains("conn=" + lab.get("X2GO_NET_BASTION_PEER") + " ")
                    .contains(lab.get("X2GO_NET_TARGET_HOST") + " " + lab.get("X2GO_NET_TARGET_PORT"));
            assertThat(shell.isConnected()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void wrongKeyOnTheJumpHostFailsNamingTheJumpHostAndPublickey(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        ConnectOptions o = lab.target().jumpHost(lab.bastion().withPrivateKeys(List.of(lab.path("X2GO_NET_WRONG_KEY"))))
                .build();
        assertThatThrownBy(() -> transport.connect(o).close()).isInstanceOf(X2GoAuthenticationException.class)
                .hasMessageContaining("jump host " + lab.get("X2GO_NET_BASTION_USER") + "@")
                .hasMessageContaining("publickey").hasMessageNotContaining("target");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void wrongKeyOnTheTargetFailsNamingTheTarget(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        ConnectOptions o = lab.target().clearPrivateKeys().privateKey(lab.path("X2GO_NET_WRONG_KEY"))
                .jumpHost(lab.bastion()).build();
        assertThatThrownBy(() -> transport.connect(o).close()).isInstanceOf(X2GoAuthenticationException.class)
                .hasMessageContaining("target x2gotest@").hasMessageContaining("publickey");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void jumpHostKeyIsVerifiedToo(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        // this known_hosts has the target's key under the bastion's name: the bastion's real key must be refused
        ConnectOptions o = lab.target().jumpHost(lab.bastion()
                .withHostKeyCheck(lab.path("X2GO_NET_KNOWN_HOSTS_WRONG_BASTION"), HostKeyPolicy.STRICT)).build();
        assertThatThrownBy(() -> transport.connect(o).close()).isInstanceOf(X2GoHostKeyException.class)
                .hasMessageContaining(lab.get("X2GO_NET_BASTION_PORT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void bastionThatRefusesTheForwardFailsAtTheTargetStageInsteadOfGoingDirect(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        // PermitOpen allows only the namespaced server; 127.0.0.1:2222 would be reachable directly
        ConnectOptions o = lab.target().host("127.0.0.1").port(lab.port("X2GO_NET_SERVER_PORT"))
                .jumpHost(lab.bastion()).build();
        assertThatThrownBy(() -> transport.connect(o).close()).isInstanceOf(X2GoSshException.class)
                .hasMessageContaining("127.0.0.1").hasMessageContaining("jump host");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void httpProxyWithBasicAuthCarriesTheConnection(String label, SshTransport transport) throws Exception {
        NetworkLab lab = NetworkLab.require();
        long before = lab.proxyConnects();
        HttpProxy proxy = HttpProxy.of(lab.get("X2GO_NET_PROXY_HOST"), lab.port("X2GO_NET_PROXY_PORT"))
                .withBasicAuth(lab.get("X2GO_NET_PROXY_USER"), lab.get("X2GO_NET_PROXY_PASSWORD"));
        ConnectOptions o = lab.target().host("127.0.0.1").port(lab.port("X2GO_NET_SERVER_PORT")).httpProxy(proxy).build();
        try (RemoteShell shell = transport.connect(o)) {
            assertThat(run(shell, "echo ok-$USER")).contains("ok-x2gotest");
        }
        assertThat(lab.proxyConnects()).isGreaterThan(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void httpProxyThenJumpHostReachesTheNamespacedServer(String label, SshTransport transport) throws Exception {
        NetworkLab lab = NetworkLab.require();
        long before = lab.proxyConnects();
        HttpProxy proxy = HttpProxy.of(lab.get("X2GO_NET_PROXY_HOST"), lab.port("X2GO_NET_PROXY_PORT"))
                .withBasicAuth(lab.get("X2GO_NET_PROXY_USER"), lab.get("X2GO_NET_PROXY_PASSWORD"));
        try (RemoteShell shell = transport.connect(lab.target().jumpHost(lab.bastion()).httpProxy(proxy).build())) {
            assertThat(run(shell, "echo conn=$SSH_CONNECTION")).contains("conn=" + lab.get("X2GO_NET_BASTION_PEER") + " ");
        }
        assertThat(lab.proxyConnects()).isGreaterThan(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void httpProxyWithWrongPasswordFailsNamingTheProxy(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        HttpProxy proxy = HttpProxy.of(lab.get("X2GO_NET_PROXY_HOST"), lab.port("X2GO_NET_PROXY_PORT"))
                .withBasicAuth(lab.get("X2GO_NET_PROXY_USER"), "wrong");
        ConnectOptions o = lab.target().host("127.0.0.1").port(lab.port("X2GO_NET_SERVER_PORT")).httpProxy(proxy).build();
        assertThatThrownBy(() -> transport.connect(o).close()).isInstanceOf(X2GoSshException.class)
                .hasMessageContaining("proxy").hasMessageContaining(lab.get("X2GO_NET_PROXY_PORT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void httpProxyRefusesPortsOutsideItsConnectList(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        HttpProxy proxy = HttpProxy.of(lab.get("X2GO_NET_PROXY_HOST"), lab.port("X2GO_NET_PROXY_PORT"))
                .withBasicAuth(lab.get("X2GO_NET_PROXY_USER"), lab.get("X2GO_NET_PROXY_PASSWORD"));
        ConnectOptions o = lab.auth().privateKey(lab.path("X2GO_NET_CLIENT_KEY")).httpProxy(proxy).build();
        assertThatThrownBy(() -> transport.connect(o).close()).isInstanceOf(X2GoSshException.class)
                .hasMessageContaining("proxy");
    }
}
