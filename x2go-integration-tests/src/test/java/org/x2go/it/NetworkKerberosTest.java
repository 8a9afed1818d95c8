package org.x2go.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.x2go.api.ConnectOptions;
import org.x2go.api.HostKeyPolicy;
import org.x2go.api.X2GoAuthenticationException;
import org.x2go.api.X2GoSshException;
import org.x2go.backend.plain.JschTransport;
import org.x2go.backend.sshj.SshjTransport;
import org.x2go.spi.RemoteShell;

/**
 * gssapi-with-mic against the real MIT KDC and GSSAPI-only sshd of scripts/x2go-test-network: JSCH logs in
 * with the user's ticket cache; without a ticket it fails naming the target and the method; SSHJ refuses clearly.
 */
@Tag("real-server")
class NetworkKerberosTest {
    private Configuration before;

    private static ConnectOptions options(NetworkLab lab) {
        return ConnectOptions.builder("localhost", lab.get("X2GO_NET_AUTH_USER")).port(lab.port("X2GO_NET_KRB_PORT"))
                .knownHosts(lab.path("X2GO_NET_KNOWN_HOSTS")).hostKeyPolicy(HostKeyPolicy.STRICT).gssapi(true)
                .connectTimeout(Duration.ofSeconds(15)).keepAliveInterval(Duration.ZERO).build();
    }

    /** JGSS's initiator login from a ticket cache, never prompting. */
    private void useTicketCache(NetworkLab lab, String cache) {
        System.setProperty("java.security.krb5.conf", lab.get("X2GO_NET_KRB5_CONF"));
        before = Configuration.getConfiguration();
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(
                        "com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                        Map.of("useTicketCache", "true", "ticketCache", cache, "doNotPrompt", "true"))};
            }
        });
    }

    @AfterEach
    void restore() {
        if (before != null) {
            Configuration.setConfiguration(before);
        }
    }

    @Test
    void jschLogsInWithTheTicketCache() {
        NetworkLab lab = NetworkLab.require();
        useTicketCache(lab, lab.path("X2GO_NET_DIR").resolve("krb5/ccache").toString());
        try (RemoteShell shell = new JschTransport().connect(options(lab))) {
            assertThat(shell.exec("whoami", Duration.ofSeconds(20)).stdout()).contains(lab.get("X2GO_NET_AUTH_USER"));
        }
    }

    @Test
    void withoutATicketTheLoginFailsNamingTheTargetAndGssapi() {
        NetworkLab lab = NetworkLab.require();
        useTicketCache(lab, lab.path("X2GO_NET_DIR").resolve("krb5/ccache-missing").toString());
        assertThatThrownBy(() -> new JschTransport().connect(options(lab)).close())
                .isInstanceOf(X2GoAuthenticationException.class).hasMessageContaining("target")
                .hasMessageContaining("gssapi-with-mic");
    }

    @Test
    void sshjRefusesKerberosClearly() {
        NetworkLab lab = NetworkLab.require();
        assertThatThrownBy(() -> new SshjTransport().connect(options(lab)).close()).isInstanceOf(X2GoSshException.class)
                .hasMessageContaining("Kerberos").hasMessageContaining("JSCH");
    }
}
