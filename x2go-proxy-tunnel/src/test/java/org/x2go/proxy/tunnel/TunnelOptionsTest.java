package org.x2go.proxy.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.x2go.api.X2GoBackendException;
import org.x2go.spi.ProxyProvider;

class TunnelOptionsTest {
    @Test
    void noKeysGiveTheDocumentedDefaults() {
        TunnelOptions o = TunnelOptions.fromConfig(Map.of("x2go.backend.proxy", "TUNNEL"));
        assertThat(o).isEqualTo(TunnelOptions.defaults());
        assertThat(o.attach()).isEqualTo(TunnelOptions.Attach.HEADLESS);
        assertThat(o.nxproxy()).isEqualTo(Path.of("/usr/bin/nxproxy"));
        assertThat(o.xvfb()).isEqualTo(Path.of("/usr/bin/Xvfb"));
        assertThat(o.screen()).isEqualTo("1024x768x24");
        assertThat(o.startTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.stopGrace()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void everyKeyIsRead() {
        TunnelOptions o = TunnelOptions.fromConfig(Map.of(
                "x2go.proxy.tunnel.attach", " none ",
                "x2go.proxy.tunnel.nxproxy", "/opt/nx/nxproxy",
                "x2go.proxy.tunnel.xvfb", "/opt/x/Xvfb",
                "x2go.proxy.tunnel.screen", "16x8192x16",
                "x2go.proxy.tunnel.start-timeout", "PT1S",
                "x2go.proxy.tunnel.stop-grace", "PT0.1S"));
        assertThat(o).isEqualTo(new TunnelOptions(TunnelOptions.Attach.NONE, Path.of("/opt/nx/nxproxy"),
                Path.of("/opt/x/Xvfb"), "16x8192x16", Duration.ofSeconds(1), Duration.ofMillis(100)));
    }

    @Test
    void badValuesAreRefusedNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> TunnelOptions.fromConfig(Map.of(TunnelOptions.ATTACH, "VNC")))
                .isInstanceOf(X2GoBackendException.class)
                .hasMessageContaining("x2go.proxy.tunnel.attach must be HEADLESS or NONE: 'VNC'");
        assertThatThrownBy(() -> TunnelOptions.fromConfig(Map.of(TunnelOptions.SCREEN, "8193x600x24")))
                .isInstanceOf(X2GoBackendException.class).hasMessageContaining("'8193x600x24'");
        assertThatThrownBy(() -> TunnelOptions.fromConfig(Map.of(TunnelOptions.SCREEN, "15x600x24")))
                .isInstanceOf(X2GoBackendException.class).hasMessageContaining("'15x600x24'");
        assertThatThrownBy(() -> TunnelOptions.fromConfig(Map.of(TunnelOptions.SCREEN, "800x600x8")))
                .isInstanceOf(X2GoBackendException.class).hasMessageContaining("'800x600x8'");
        assertThatThrownBy(() -> TunnelOptions.fromConfig(Map.of(TunnelOptions.START_TIMEOUT, "10")))
                .isInstanceOf(X2GoBackendException.class)
                .hasMessageContaining("x2go.proxy.tunnel.start-timeout must be an ISO-8601 duration such as PT10S: '10'");
        assertThatThrownBy(() -> TunnelOptions.fromConfig(Map.of(TunnelOptions.START_TIMEOUT, "PT5M1S")))
                .isInstanceOf(X2GoBackendException.class).hasMessageContaining("startTimeout must be between");
        assertThatThrownBy(() -> TunnelOptions.fromConfig(Map.of(TunnelOptions.STOP_GRACE, "PT0.099S")))
                .isInstanceOf(X2GoBackendException.class).hasMessageContaining("stopGrace must be between");
        assertThatThrownBy(() -> TunnelOptions.fromConfig(Map.of(TunnelOptions.NXPROXY, " ")))
                .isInstanceOf(X2GoBackendException.class)
                .hasMessageContaining("x2go.proxy.tunnel.nxproxy must name an executable");
    }

    @Test
    void anUnprintableValueIsEscapedInTheMessage() {
        assertThatThrownBy(() -> TunnelOptions.fromConfig(Map.of(TunnelOptions.ATTACH, "x\u001b[2Jy")))
                .isInstanceOf(X2GoBackendException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
    }

    @Test
    void serviceLoaderFindsTheProviderNamedTunnelAndConfigureAppliesItsNamespaceWithSystemPropertiesWinning() {
        ProxyProvider p = ServiceLoader.load(ProxyProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("TUNNEL")).findFirst().orElseThrow();
        assertThat(((TunnelProxyProvider) p).options()).isEqualTo(TunnelOptions.defaults());
        java.util.Properties sys = new java.util.Properties();
        sys.setProperty(TunnelOptions.SCREEN, "640x480x16");
        org.x2go.spi.BackendConfig config = org.x2go.spi.BackendConfig.of(org.x2go.api.BackendKind.PROXY, "TUNNEL",
                Map.of(TunnelOptions.SCREEN, "800x600x24", TunnelOptions.ATTACH, "none",
                        "x2go.proxy.nx3.binary", "/elsewhere"), sys, null, true);
        TunnelProxyProvider configured = (TunnelProxyProvider) ((TunnelProxyProvider) p).configure(config);
        assertThat(configured.options().screen()).isEqualTo("640x480x16");
        assertThat(configured.options().attach()).isEqualTo(TunnelOptions.Attach.NONE);
    }

    @Test
    void anUnknownKeyOfTheNamespaceIsRefusedNamingIt() {
        assertThatThrownBy(() -> TunnelOptions.fromConfig(Map.of("x2go.proxy.tunnel.scren", "800x600x24")))
                .isInstanceOf(X2GoBackendException.class)
                .hasMessageContaining("Unknown TUNNEL proxy option x2go.proxy.tunnel.scren");
    }
}
