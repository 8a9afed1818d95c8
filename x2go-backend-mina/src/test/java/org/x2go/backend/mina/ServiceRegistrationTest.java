package org.x2go.backend.mina;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.x2go.api.BackendKind;
import org.x2go.api.BackendSelection;
import org.x2go.api.Backends;
import org.x2go.spi.SshTransport;

/** x2go.backend.ssh=MINA selects this transport; JSCH stays the default next to it. */
class ServiceRegistrationTest {
    @Test
    void minaIsSelectedByName() {
        Backends b = Backends.discover(getClass().getClassLoader());
        assertThat(b.providers(BackendKind.SSH).keySet()).contains("JSCH", "MINA");
        BackendSelection sel = BackendSelection.fromConfig(Map.of("x2go.backend.ssh", "mina"), new Properties());
        SshTransport t = b.select(BackendKind.SSH, sel.name(BackendKind.SSH));
        assertThat(t).isInstanceOf(MinaTransport.class);
        assertThat(t.name()).isEqualTo("MINA");
    }
}
