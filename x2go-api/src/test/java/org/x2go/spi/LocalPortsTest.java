package org.x2go.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** TV-29: choice of the local graphics tunnel port. */
class LocalPortsTest {

    @Test
    void tv29_remoteServerKeepsTheGraphicsPort() {
        assertThat(LocalPorts.preferred("10.0.0.5", 30001)).isEqualTo(OptionalInt.of(30001));
    }

    @Test
    void tv29_loopbackServerAddsTenThousand() {
        for (String host : new String[] {"127.0.0.1", "::1", "[::1]", "localhost", "LOCALHOST.localdomain", "127.0.1.1"}) {
            assertThat(LocalPorts.preferred(host, 30001)).as(host).isEqualTo(OptionalInt.of(40001));
        }
    }

    @Test
    void preferredPortAbove65535GivesNoPreference() {
        assertThat(LocalPorts.preferred("127.0.0.1", 55536)).isEmpty();
        assertThat(LocalPorts.preferred("127.0.0.1", 55535)).isEqualTo(OptionalInt.of(65535));
    }

    @Test
    void hostNamesAreNotResolvedAndOtherAddressesAreNotLoopback() {
        assertThat(LocalPorts.isLoopback("x2go.example.org")).isFalse();
        assertThat(LocalPorts.isLoopback("10.0.0.5")).isFalse();
        assertThat(LocalPorts.isLoopback("fe80::1")).isFalse();
        assertThat(LocalPorts.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
    }

    @Test
    void aHeldPortIsNotFreeAndAReleasedOneIs() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(LocalPorts.IPV4_LOOPBACK, 0));
            port = s.getLocalPort();
            assertThat(LocalPorts.isFree(port)).isFalse();
        }
        assertThat(LocalPorts.isFree(port)).isTrue();
    }
}
