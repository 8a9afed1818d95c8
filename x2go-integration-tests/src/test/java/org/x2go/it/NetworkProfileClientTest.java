package org.x2go.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.x2go.api.ConnectOptions;
import org.x2go.api.ProfileConverter;
import org.x2go.api.ProfileSessionParameters;
import org.x2go.api.SessionProfile;
import org.x2go.api.X2GoProfileException;
import org.x2go.client.X2GoClient;

/**
 * A session profile with {@code usesshproxy} through the public API: X2GoClient connects through the real
 * bastion to the X2Go server that only the bastion can reach, on both transports.
 */
@Tag("real-server")
class NetworkProfileClientTest {
    @TempDir
    Path home;

    private static ProfileSessionParameters profile(NetworkLab lab, String type) {
        Map<String, String> v = new java.util.HashMap<>(Map.of(
                "host", lab.get("X2GO_NET_TARGET_HOST"), "sshport", lab.get("X2GO_NET_TARGET_PORT"),
                "user", lab.get("X2GO_NET_TARGET_USER"), "key", lab.get("X2GO_NET_CLIENT_KEY"),
                "usesshproxy", "true", "sshproxytype", type, "sshproxyhost", lab.get("X2GO_NET_BASTION_HOST"),
                "sshproxyport", lab.get("X2GO_NET_BASTION_PORT"), "sshproxyuser", lab.get("X2GO_NET_BASTION_USER")));
        v.put("sshproxykeyfile", lab.get("X2GO_NET_CLIENT_KEY"));
        v.put("sshproxyautologin", "false");
        return ProfileConverter.convert(new SessionProfile("net-jump", "net-jump", v), "nobody");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"JSCH", "SSHJ"})
    void profileWithUsesshproxyConnectsThroughTheBastion(String ssh) {
        NetworkLab lab = NetworkLab.require();
        ProfileSessionParameters p = profile(lab, "SSH");
        ConnectOptions o = p.connectOptions(p.servers().get(0)).knownHosts(lab.path("X2GO_NET_KNOWN_HOSTS"))
                .connectTimeout(java.time.Duration.ofSeconds(15)).build();
        assertThat(o.jumpHost()).isPresent();
        try (X2GoClient client = X2GoClient.builder().set("x2go.backend.ssh", ssh).graphics(false)
                .sessionsRoot(home.resolve(".x2go")).build()) {
            String id = client.connect("net-jump", "net-jump", o);
            assertThat(client.listSessions(id)).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"JSCH", "SSHJ"})
    void profileWhoseJumpHostFailsNeverFallsBackToADirectConnection(String ssh) {
        NetworkLab lab = NetworkLab.require();
        ProfileSessionParameters p = profile(lab, "SSH");
        // the target (127.0.0.1:2222) would accept a direct login; the bastion refuses the wrong key
        ConnectOptions o = p.connectOptions("127.0.0.1").port(lab.port("X2GO_NET_SERVER_PORT"))
                .knownHosts(lab.path("X2GO_NET_KNOWN_HOSTS")).build();
        ConnectOptions wrong = o.toBuilder().jumpHost(o.jumpHost().orElseThrow()
                .withPrivateKeys(java.util.List.of(lab.path("X2GO_NET_WRONG_KEY")))).build();
        try (X2GoClient client = X2GoClient.builder().set("x2go.backend.ssh", ssh).graphics(false)
                .sessionsRoot(home.resolve(".x2go")).build()) {
            assertThatThrownBy(() -> client.connect("net-jump", "net-jump", wrong))
                    .isInstanceOf(org.x2go.api.X2GoAuthenticationException.class).hasMessageContaining("jump host");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SOCKS5", "ssh-tunnel"})
    void profileProxyTypeThatCannotBeHonouredFailsBeforeConnecting(String type) {
        NetworkLab lab = NetworkLab.require();
        ProfileSessionParameters p = profile(lab, type);
        assertThatThrownBy(() -> p.connectOptions(p.servers().get(0))).isInstanceOf(X2GoProfileException.class)
                .hasMessageContaining(type.toUpperCase(java.util.Locale.ROOT));
    }
}
