package org.x2go.backend.sshj;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.x2go.api.BackendKind;
import org.x2go.api.BackendSelection;
import org.x2go.api.Backends;
import org.x2go.spi.SshTransport;

/** x2go.backend.ssh=SSHJ selects this transport; JSCH stays the default next to it. */
class ServiceRegistrationTest {
    @Test
    void sshjIsSelectedByName() {
        Backends b = Backends.discover(getClass().getClassLoader());
        assertThat(b.providers(BackendKind.SSH).keySet()).containsExactly("JSCH", "SSHJ");
        BackendSelection sel = BackendSelection.fromConfig(java.util.Map.of("x2go.backend.ssh", "sshj"),
                new java.util.Properties());
        SshTransport t = b.select(BackendKind.SSH, sel.name(BackendKind.SSH));
        assertThat(t).isInstanceOf(SshjTransport.class);
    }
}
