package org.x2go.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Jump host, HTTP proxy and the builder's mutability; the profile keys that drive them. */
class ConnectRouteTest {

    private static ProfileSessionParameters profile(Map<String, String> v) {
        Map<String, String> m = new HashMap<>(v);
        m.putIfAbsent("host", "10.226.0.2");
        m.putIfAbsent("user", "alice");
        return ProfileConverter.convert(new SessionProfile("p1", "jumpy", m), "local");
    }

    @Test
    void builderChangesHostAndUserAndKeysAndKeepsEverythingElse() {
        JumpHost j = JumpHost.of("bastion", 2261, "jump");
        ConnectOptions o = ConnectOptions.builder("a", "u").privateKey(Path.of("/k1")).jumpHost(j)
                .forwardAgent(true).gssapi(true).build();
        ConnectOptions p = o.toBuilder().host("b").username("v").clearPrivateKeys().privateKey(Path.of("/k2")).build();
        assertThat(p.host()).isEqualTo("b");
        assertThat(p.username()).isEqualTo("v");
        assertThat(p.privateKeys()).containsExactly(Path.of("/k2"));
        assertThat(p.jumpHost()).contains(j);
        assertThat(p.forwardAgent()).isTrue();
        assertThat(p.gssapi()).isTrue();
        assertThat(o.toBuilder().build()).isEqualTo(o);
    }

    @Test
    void jumpSpecParsesLikeOpenSsh() {
        assertThat(JumpHost.parse("jump@127.0.0.1:2261", "me")).isEqualTo(JumpHost.of("127.0.0.1", 2261, "jump"));
        assertThat(JumpHost.parse("bastion", "me")).isEqualTo(JumpHost.of("bastion", 22, "me"));
        assertThat(JumpHost.parse("u@[::1]:2200", "me")).isEqualTo(JumpHost.of("::1", 2200, "u"));
        assertThatThrownBy(() -> JumpHost.parse("a:b:c@h:xx", "me")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a:b:c@h:xx");
        assertThatThrownBy(() -> JumpHost.parse("h1,h2", "me")).hasMessageContaining("only one jump host");
        assertThatThrownBy(() -> JumpHost.parse("h:70000", "me")).hasMessageContaining("70000");
    }

    @Test
    void passwordsNeverAppearInToString() {
        ConnectOptions o = ConnectOptions.builder("a", "u").jumpHost(JumpHost.of("j", 22, "x").withPassword("s3cret"))
                .httpProxy(HttpProxy.of("p", 3128).withBasicAuth("pu", "pw9")).build();
        assertThat(o.toString()).doesNotContain("s3cret", "pw9").contains("via JumpHost[x@j", "HttpProxy[[p]:3128");
    }

    @Test
    void proxyPasswordWithoutUserIsRejected() {
        assertThatThrownBy(() -> new HttpProxy("p", 1, Optional.empty(), Optional.of("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy user");
    }

    @Test
    void profileWithSshProxyGetsAJumpHostWithItsOwnUserPortAndKey() {
        ConnectOptions o = profile(Map.of("usesshproxy", "true", "sshproxyhost", "127.0.0.1", "sshproxyport", "2261",
                "sshproxyuser", "x2gonetjump", "sshproxykeyfile", "/keys/jump", "sshproxyautologin", "false"))
                .connectOptions("10.226.0.2").build();
        assertThat(o.jumpHost()).contains(JumpHost.of("127.0.0.1", 2261, "x2gonetjump")
                .withPrivateKeys(List.of(Path.of("/keys/jump"))));
        assertThat(o.httpProxy()).isEmpty();
    }

    @Test
    void profileWithSameUserUsesTheSessionUserOnTheJumpHost() {
        ConnectOptions o = profile(Map.of("usesshproxy", "true", "sshproxyhost", "bastion", "sshproxysameuser", "true"))
                .connectOptions("10.226.0.2").build();
        assertThat(o.jumpHost().orElseThrow().username()).isEqualTo("alice");
        assertThat(o.jumpHost().orElseThrow().useAgent()).isTrue(); // sshproxyautologin defaults to true
    }

    @Test
    void profileWithHttpProxyGetsAConnectProxyNotAJumpHost() {
        ConnectOptions o = profile(Map.of("usesshproxy", "true", "sshproxytype", "HTTP", "sshproxyhost", "127.0.0.1",
                "sshproxyport", "2267", "sshproxyuser", "netproxy")).connectOptions("127.0.0.1").build();
        assertThat(o.httpProxy()).contains(new HttpProxy("127.0.0.1", 2267, Optional.of("netproxy"), Optional.empty()));
        assertThat(o.jumpHost()).isEmpty();
    }

    @Test
    void profileProxySettingsThatCannotBeHonouredFailInsteadOfConnectingDirectly() {
        assertThatThrownBy(() -> profile(Map.of("usesshproxy", "true", "sshproxytype", "SOCKS5", "sshproxyhost", "p"))
                .connectOptions("h")).isInstanceOf(X2GoProfileException.class).hasMessageContaining("SOCKS5")
                .hasMessageContaining("no direct connection");
        assertThatThrownBy(() -> profile(Map.of("usesshproxy", "true", "sshproxyhost", " ")).connectOptions("h"))
                .isInstanceOf(X2GoProfileException.class).hasMessageContaining("sshproxyhost is empty");
        assertThatThrownBy(() -> profile(Map.of("usesshproxy", "true", "sshproxyhost", "p", "sshproxyport", "0"))
                .connectOptions("h")).isInstanceOf(X2GoProfileException.class).hasMessageContaining("port");
    }

    @Test
    void profileWithoutSshProxyConnectsDirectlyAndKrbLoginAndAgentForwardingAreMapped() {
        ConnectOptions o = profile(Map.of("sshproxyhost", "ignored", "krblogin", "true", "forwardsshagent", "true"))
                .connectOptions("h").build();
        assertThat(o.jumpHost()).isEmpty();
        assertThat(o.httpProxy()).isEmpty();
        assertThat(o.gssapi()).isTrue();
        assertThat(o.forwardAgent()).isTrue();
    }
}
