package org.x2go.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.ConnectOptions;
import org.x2go.api.HttpProxy;
import org.x2go.api.JumpHost;
import org.x2go.api.ProfileConverter;
import org.x2go.api.ProfileSessionParameters;
import org.x2go.api.SessionProfile;
import org.x2go.cli.ExitStatus;
import org.x2go.cli.TestEnv;

/** -J, --http-proxy, -A, --auth-attempts and a profile's usesshproxy, as the CLI maps them to ConnectOptions. */
class InvocationRouteTest {
    @TempDir
    Path home;
    Path key;

    @BeforeEach
    void keyFile() throws IOException {
        key = Files.writeString(home.resolve("mykey"), "not really a key");
    }

    private Invocation parse(String... args) {
        var cl = Cli.commandLine();
        cl.parseArgs(args);
        return Invocation.of(cl.getCommand(), new TestEnv(home).env());
    }

    private static Optional<ProfileSessionParameters> profile(Map<String, String> values) {
        return Optional.of(ProfileConverter.convert(new SessionProfile("id1", "jumpy", values), "local"));
    }

    @Test
    void jumpOptionGivesAJumpHostWithTheSameKeyAsTheServer() {
        ConnectOptions c = parse("srv", "-L", "-u", "alice", "-i", key.toString(), "-J", "hop@127.0.0.1:2261")
                .connectOptions(Optional.empty(), Optional.empty());
        assertThat(c.jumpHost()).contains(JumpHost.of("127.0.0.1", 2261, "hop").withPrivateKeys(List.of(key)));
        assertThat(c.host()).isEqualTo("srv");
    }

    @Test
    void jumpOptionWithoutUserUsesTheSessionUser() {
        ConnectOptions c = parse("srv", "-L", "-u", "alice", "-J", "bastion").connectOptions(Optional.empty(), Optional.empty());
        assertThat(c.jumpHost().orElseThrow().username()).isEqualTo("alice");
        assertThat(c.jumpHost().orElseThrow().port()).isEqualTo(22);
    }

    @Test
    void badJumpOrProxySpecIsAUsageErrorNamingTheOption() {
        assertThatThrownBy(() -> parse("srv", "-L", "-J", "h:notaport")).isInstanceOf(UsageException.class)
                .hasMessageContaining("-J").extracting(e -> ((UsageException) e).status()).isEqualTo(ExitStatus.USAGE);
        assertThatThrownBy(() -> parse("srv", "-L", "--http-proxy", "proxyonly")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--http-proxy");
        assertThatThrownBy(() -> parse("srv", "-L", "--auth-attempts", "-1")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--auth-attempts");
    }

    @Test
    void httpProxyOptionCarriesBasicAuth() {
        ConnectOptions c = parse("srv", "-L", "--http-proxy", "pu:pw@127.0.0.1:2282")
                .connectOptions(Optional.empty(), Optional.empty());
        assertThat(c.httpProxy()).contains(HttpProxy.of("127.0.0.1", 2282).withBasicAuth("pu", "pw"));
    }

    @Test
    void forwardAgentOptionIsHonouredAndAuthAttemptsDefaultToThree() {
        assertThat(parse("srv", "-L", "-A").connectOptions(Optional.empty(), Optional.empty()).forwardAgent()).isTrue();
        assertThat(parse("srv", "-L").connectOptions(Optional.empty(), Optional.empty()).forwardAgent()).isFalse();
        assertThat(parse("srv", "-L").authAttempts()).isEqualTo(3);
        assertThat(parse("srv", "-L", "--auth-attempts", "5").authAttempts()).isEqualTo(5);
    }

    @Test
    void profileWithUsesshproxyConnectsThroughTheJumpHostWithSamePasswordAndKey() {
        ConnectOptions c = parse("-P", "jumpy", "-L", "--password", "pw1").connectOptions(profile(Map.of(
                "host", "10.227.0.2", "user", "x2gotest", "usesshproxy", "true", "sshproxyhost", "127.0.0.1",
                "sshproxyport", "2281", "sshproxyuser", "x2gotestjump", "sshproxysamepass", "true",
                "key", key.toString(), "sshproxykeyfile", "/other/key")), Optional.empty());
        assertThat(c.host()).isEqualTo("10.227.0.2");
        JumpHost j = c.jumpHost().orElseThrow();
        assertThat(j.username()).isEqualTo("x2gotestjump");
        assertThat(j.port()).isEqualTo(2281);
        assertThat(j.password()).contains("pw1");
        assertThat(j.privateKeys()).containsExactly(key);
    }

    @Test
    void profileProxyThatCannotBeHonouredIsAProfileErrorNotADirectConnection() {
        assertThatThrownBy(() -> parse("-P", "jumpy", "-L").connectOptions(profile(Map.of("host", "srv",
                "usesshproxy", "true", "sshproxytype", "SOCKS", "sshproxyhost", "p")), Optional.empty()))
                .isInstanceOf(UsageException.class).hasMessageContaining("SOCKS")
                .extracting(e -> ((UsageException) e).status()).isEqualTo(ExitStatus.PROFILE);
    }

    @Test
    void userOptionOverridesTheProfileUserAndKeepsTheProfilesJumpHost() {
        ConnectOptions c = parse("-P", "jumpy", "-L", "-u", "bob").connectOptions(profile(Map.of("host", "srv",
                "user", "alice", "usesshproxy", "true", "sshproxyhost", "bastion", "sshproxyuser", "hop")), Optional.empty());
        assertThat(c.username()).isEqualTo("bob");
        assertThat(c.jumpHost().orElseThrow().username()).isEqualTo("hop");
    }
}
