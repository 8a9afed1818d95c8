package org.x2go.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command through the bastion of {@code scripts/x2go-test-network}: the X2Go server there lives in a
 * network namespace that only the bastion reaches, so a listing proves the jump host was used. Skipped when the
 * network is not up; failing when {@code CI=true}.
 */
@Tag("real-server")
class RealNetworkCliTest {
    @TempDir
    Path home;
    private Map<String, String> net;

    @BeforeEach
    void requireNetwork() throws Exception {
        Path script = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null && script == null; d = d.getParent()) {
            Path s = d.resolve("scripts/x2go-test-network");
            script = Files.isExecutable(s) ? s : null;
        }
        String why = script == null ? "scripts/x2go-test-network not found" : null;
        if (script != null && run(script, "status").isEmpty()) {
            why = "the network of scripts/x2go-test-network is not up";
        }
        if (why != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("network lab required with CI=true: " + why);
            }
            assumeTrue(false, why);
        }
        net = new HashMap<>();
        for (String line : run(script, "env").split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                net.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
    }

    /** @return the output, or "" when the script failed */
    private static String run(Path script, String arg) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(script.toString(), arg).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "";
        }
        return p.exitValue() == 0 ? out : "";
    }

    private TestEnv env() {
        return new TestEnv(home).var("PATH", "/usr/bin:/bin");
    }

    private void writeProfile(String extra) throws IOException {
        Path dir = Files.createDirectories(home.resolve(".x2goclient"));
        Files.writeString(dir.resolve("sessions"), "[net-jump]\nname=net-jump\nhost=" + net.get("X2GO_NET_TARGET_HOST")
                + "\nsshport=" + net.get("X2GO_NET_TARGET_PORT") + "\nuser=" + net.get("X2GO_NET_TARGET_USER")
                + "\nkey=" + net.get("X2GO_NET_CLIENT_KEY") + "\ncommand=xterm\nusesshproxy=true\nsshproxytype=SSH\n"
                + "sshproxyhost=" + net.get("X2GO_NET_BASTION_HOST") + "\nsshproxyport=" + net.get("X2GO_NET_BASTION_PORT")
                + "\nsshproxyuser=" + net.get("X2GO_NET_BASTION_USER") + "\nsshproxykeyfile=" + net.get("X2GO_NET_CLIENT_KEY")
                + "\nsshproxyautologin=false\n" + extra);
    }

    @Test
    void profileWithUsesshproxyListsSessionsThroughTheBastion() throws IOException {
        writeProfile("");
        TestEnv t = env();
        int code = t.run("-P", "net-jump", "-L", "--json", "--quiet", "--known-hosts", net.get("X2GO_NET_KNOWN_HOSTS"));
        assertThat(code).as(t.err()).isZero();
        assertThat(t.out()).startsWith("{\"server\":\"" + net.get("X2GO_NET_TARGET_HOST") + "\"");
    }

    @Test
    void jumpOptionListsSessionsThroughTheBastionAndWithoutItTheServerIsUnreachable() {
        String[] base = {"--server", net.get("X2GO_NET_TARGET_HOST"), "-p", net.get("X2GO_NET_TARGET_PORT"),
            "-u", net.get("X2GO_NET_TARGET_USER"), "-i", net.get("X2GO_NET_CLIENT_KEY"),
            "--known-hosts", net.get("X2GO_NET_KNOWN_HOSTS"), "-L", "--json", "--quiet", "--connect-timeout", "5"};
        TestEnv direct = env();
        assertThat(direct.run(base)).as(direct.err()).isNotZero();
        TestEnv viaJump = env();
        String[] withJ = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.stream.Stream.of("-J",
                net.get("X2GO_NET_BASTION_USER") + "@" + net.get("X2GO_NET_BASTION_HOST") + ":"
                        + net.get("X2GO_NET_BASTION_PORT"))).toArray(String[]::new);
        assertThat(viaJump.run(withJ)).as(viaJump.err()).isZero();
        assertThat(viaJump.out()).startsWith("{\"server\":\"" + net.get("X2GO_NET_TARGET_HOST") + "\"");
    }

    @Test
    void profileWithAnUnknownProxyTypeFailsAsAProfileErrorWithoutConnecting() throws IOException {
        writeProfile("");
        Path sessions = home.resolve(".x2goclient/sessions");
        Files.writeString(sessions, Files.readString(sessions).replace("sshproxytype=SSH", "sshproxytype=SOCKS5"));
        TestEnv t = env();
        assertThat(t.run("-P", "net-jump", "-L", "--known-hosts", net.get("X2GO_NET_KNOWN_HOSTS")))
                .isEqualTo(ExitStatus.PROFILE.code());
        assertThat(t.err()).contains("SOCKS5");
    }
}
