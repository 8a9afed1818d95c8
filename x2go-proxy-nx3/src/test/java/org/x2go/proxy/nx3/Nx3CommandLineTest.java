package org.x2go.proxy.nx3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.x2go.api.AgentInfo;
import org.x2go.api.X2GoProxyException;

/** TV-27: the exact nxproxy command line and environment on Unix. */
class Nx3CommandLineTest {
    private static final String COOKIE = "0123456789abcdef0123456789abcdef";
    private static final Path ROOT = Path.of("/home/alice/.x2go");
    private static final Path LC = ROOT.resolve("S-alice-50-1700000000_stDKDE_dp24");
    private static final Path BIN = Path.of("/usr/bin/nxproxy");

    static AgentInfo agent(String cookie) {
        return new AgentInfo(50, cookie, 4711, "alice-50-1700000000_stDKDE_dp24", 30001, 30002, 30003, -1, -1);
    }

    @Test
    void tv27_argvWithTheServerPortBeforeTheRewrite() {
        Nx3CommandLine cmd = Nx3CommandLine.of(BIN, agent(COOKIE), LC, ROOT, 30001, ":0");
        assertThat(cmd.argv()).containsExactly("/usr/bin/nxproxy", "-S",
                "nx/nx,retry=5,composite=1,connect=127.0.0.1,clipboard=1,cookie=0123456789abcdef0123456789abcdef,"
                        + "port=30001,errors=/home/alice/.x2go/S-alice-50-1700000000_stDKDE_dp24/session.err:50");
    }

    @Test
    void tv27_optionStringCarriesTheLocalTunnelPort() {
        Nx3CommandLine cmd = Nx3CommandLine.of(BIN, agent(COOKIE), LC, ROOT, 40001, ":0");
        assertThat(cmd.optionString()).isEqualTo(
                "nx/nx,retry=5,composite=1,connect=127.0.0.1,clipboard=1,cookie=0123456789abcdef0123456789abcdef,"
                        + "port=40001,errors=/home/alice/.x2go/S-alice-50-1700000000_stDKDE_dp24/session.err:50");
        assertThat(cmd.argv()).hasSize(3);
    }

    @Test
    void tv27_environmentAdditions() {
        Nx3CommandLine cmd = Nx3CommandLine.of(BIN, agent(COOKIE), LC, ROOT, 40001, ":99");
        assertThat(cmd.environment()).containsOnly(
                org.assertj.core.api.Assertions.entry("NX_CLIENT", "/bin/true"),
                org.assertj.core.api.Assertions.entry("NX_ROOT", "/home/alice/.x2go"),
                org.assertj.core.api.Assertions.entry("DISPLAY", ":99"));
    }

    @Test
    void cookieThatWouldInjectOptionsIsRejectedWithoutEchoingTheSecret() {
        assertThatThrownBy(() -> Nx3CommandLine.of(BIN, agent("abc,connect=10.0.0.1"), LC, ROOT, 40001, ":0"))
                .isInstanceOf(X2GoProxyException.class)
                .hasMessageContaining("cookie is not hexadecimal (20 characters)")
                .hasMessageNotContaining("abc,connect=10.0.0.1");
    }

    @Test
    void errorLogPathWithColonOrCommaIsRejectedAndNamed() {
        Path bad = Path.of("/tmp/we:ird,dir/S-x");
        assertThatThrownBy(() -> Nx3CommandLine.of(BIN, agent(COOKIE), bad, ROOT, 40001, ":0"))
                .isInstanceOf(X2GoProxyException.class)
                .hasMessageContaining("/tmp/we:ird,dir/S-x/session.err");
    }

    @Test
    void localPortOutOfRangeIsRejected() {
        assertThatThrownBy(() -> Nx3CommandLine.of(BIN, agent(COOKIE), LC, ROOT, 70000, ":0"))
                .isInstanceOf(X2GoProxyException.class)
                .hasMessageContaining("70000");
    }
}
