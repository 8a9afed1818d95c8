package org.x2go.backend.plain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.x2go.api.BackendKind;
import org.x2go.api.Backends;

/** The providers are found through META-INF/services under their names. */
class ServiceRegistrationTest {
    @Test
    void everyPlainProviderAndJschAreDiscoverable() {
        Backends b = Backends.discover(getClass().getClassLoader());
        assertThat(b.<org.x2go.spi.ControlSessionProvider>select(BackendKind.CONTROL, "plain"))
                .isInstanceOf(PlainControlSessionProvider.class);
        assertThat(b.<org.x2go.spi.TerminalSessionProvider>select(BackendKind.TERMINAL, "PLAIN"))
                .isInstanceOf(PlainTerminalSessionProvider.class);
        assertThat(b.<org.x2go.spi.SessionInfoParser>select(BackendKind.INFO, "default"))
                .isInstanceOf(PlainSessionInfoParser.class);
        assertThat(b.<org.x2go.spi.SessionListParser>select(BackendKind.LIST, "PLAIN"))
                .isInstanceOf(PlainSessionListParser.class);
        assertThat(b.<org.x2go.spi.SshTransport>select(BackendKind.SSH, "default")).isInstanceOf(JschTransport.class);
    }
}
