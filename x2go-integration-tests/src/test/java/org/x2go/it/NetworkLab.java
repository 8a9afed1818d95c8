package org.x2go.it;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;
import org.x2go.api.ConnectOptions;
import org.x2go.api.HostKeyPolicy;
import org.x2go.api.JumpHost;
import org.x2go.backend.plain.JschTransport;
import org.x2go.backend.sshj.SshjTransport;

/**
 * The network around the real test server that {@code scripts/x2go-test-network} sets up (bastion with the
 * target in a network namespace, tinyproxy, PAM keyboard-interactive sshd, ssh-agents). Tests skip when it
 * is not up, except under {@code CI=true}, where they fail.
 */
final class NetworkLab {
    private static volatile NetworkLab cached;

    private final Map<String, String> env;

    private NetworkLab(Map<String, String> env) {
        this.env = env;
    }

    /** @return the lab, or the calling test is skipped (failed under CI=true) */
    static NetworkLab require() {
        NetworkLab lab = cached;
        if (lab != null) {
            return lab;
        }
        String why;
        try {
            Path script = findScript();
            if (script == null) {
                why = "scripts/x2go-test-network not found";
            } else if (run(script, "status").code != 0) {
                why = "network lab is not up (run 'scripts/x2go-test-server start' as root)";
            } else {
                Map<String, String> m = new HashMap<>();
                for (String line : run(script, "env").out.split("\n")) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        m.put(line.substring(0, eq), line.substring(eq + 1).strip());
                    }
                }
                cached = new NetworkLab(m);
                return cached;
            }
        } catch (IOException e) {
            why = "cannot query scripts/x2go-test-network: " + e;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("network lab required with CI=true: " + why);
        }
        assumeTrue(false, why);
        throw new IllegalStateException("unreachable");
    }

    /** @return both transports, as JUnit arguments (label, transport) */
    static Stream<Arguments> transports() {
        return Stream.of(Arguments.of("JSCH", new JschTransport()), Arguments.of("SSHJ", new SshjTransport()));
    }

    String get(String key) {
        String v = env.get(key);
        if (v == null) {
            throw new IllegalStateException("x2go-test-network env did not print " + key);
        }
        return v;
    }

    Path path(String key) {
        return Path.of(get(key));
    }

    int port(String key) {
        return Integer.parseInt(get(key));
    }

    /** @return the bastion as a jump host with the test key */
    JumpHost bastion() {
        return JumpHost.of(get("X2GO_NET_BASTION_HOST"), port("X2GO_NET_BASTION_PORT"), get("X2GO_NET_BASTION_USER"))
                .withPrivateKeys(List.of(path("X2GO_NET_CLIENT_KEY")));
    }

    /** @return options for x2gotest on the namespaced target (no route to it without the bastion) */
    ConnectOptions.Builder target() {
        return ConnectOptions.builder(get("X2GO_NET_TARGET_HOST"), get("X2GO_NET_TARGET_USER"))
                .port(port("X2GO_NET_TARGET_PORT")).privateKey(path("X2GO_NET_CLIENT_KEY"))
                .knownHosts(path("X2GO_NET_KNOWN_HOSTS")).hostKeyPolicy(HostKeyPolicy.STRICT)
                .connectTimeout(java.time.Duration.ofSeconds(10)).keepAliveInterval(java.time.Duration.ZERO);
    }

    /** @return options for x2gotestauth on the PAM sshd, no credentials yet */
    ConnectOptions.Builder auth() {
        return ConnectOptions.builder("127.0.0.1", get("X2GO_NET_AUTH_USER")).port(port("X2GO_NET_AUTH_PORT"))
                .knownHosts(path("X2GO_NET_KNOWN_HOSTS")).hostKeyPolicy(HostKeyPolicy.STRICT)
                .connectTimeout(java.time.Duration.ofSeconds(10)).keepAliveInterval(java.time.Duration.ZERO);
    }

    /** @return lines the proxy logged so far */
    long proxyConnects() throws IOException {
        Path log = path("X2GO_NET_DIR").resolve("tinyproxy.log");
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("Established connection")).count();
        }
    }

    private static Path findScript() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path s = dir.resolve("scripts/x2go-test-network");
            if (Files.isExecutable(s)) {
                return s;
            }
        }
        return null;
    }

    private record Run(int code, String out) {
    }

    private static Run run(Path script, String arg) throws IOException {
        Process p = new ProcessBuilder(script.toString(), arg).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(script + " " + arg + " took more than 60 s");
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
