package org.x2go.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.junit.jupiter.api.Test;
import org.x2go.api.BackendKind;
import org.x2go.api.Backends;
import org.x2go.api.X2GoBackendException;
import org.x2go.api.X2GoClientException;
import org.x2go.spi.NamedProvider;
import org.x2go.spi.ProxyProvider;
import org.x2go.spi.SshTransport;

class X2GoClientTest {

    private static Map<String, String> allFake() {
        Map<String, String> m = new java.util.HashMap<>();
        for (BackendKind k : BackendKind.selectable()) {
            m.put(k.propertyName(), "fake");
        }
        return m;
    }

    @Test
    void defaultsAreSelectedWhenNothingIsConfigured() {
        List<NamedProvider> ps = new ArrayList<>();
        ps.addAll(List.of(new FakeProviders.Control("PLAIN"), new FakeProviders.Terminal("PLAIN"),
                new FakeProviders.Info("PLAIN"), new FakeProviders.ListP("PLAIN"), new FakeProviders.Proxy("NX3"),
                new FakeProviders.Settings("FILE"), new FakeProviders.Profiles("FILE"),
                new FakeProviders.Printing("FILE"), new FakeProviders.Ssh("JSCH"), new FakeProviders.Ssh("SSHJ")));
        try (X2GoClient c = X2GoClient.builder().backends(Backends.of(ps)).systemProperties(new Properties()).graphics(false).build()) {
            assertThat(c.backend(BackendKind.SSH).name()).isEqualTo("JSCH");
            assertThat(c.backend(BackendKind.PROXY).name()).isEqualTo("NX3");
            assertThat(c.backend(SshTransport.class)).isSameAs(ps.get(8));
        }
    }

    @Test
    void serviceLoaderDiscoveryFindsRegisteredProviders() {
        try (X2GoClient c = X2GoClient.builder().config(allFake()).systemProperties(new Properties()).graphics(false).build()) {
            for (BackendKind k : BackendKind.selectable()) {
                assertThat(c.backend(k)).isInstanceOf(k.spi());
                assertThat(c.backend(k).getClass().getEnclosingClass()).isEqualTo(FakeProviders.class);
            }
            assertThat(c.describeBackends()).containsKey(BackendKind.CONTROL);
        }
    }

    @Test
    void unknownNameFailsAtBuildListingKnownNamesAndArtifact() {
        Map<String, String> cfg = allFake();
        cfg.put("x2go.backend.proxy", "kdrive");
        assertThatThrownBy(() -> X2GoClient.builder().config(cfg).systemProperties(new Properties()).graphics(false).build())
                .isInstanceOf(X2GoBackendException.class)
                .hasMessageContaining("Unknown proxy backend 'KDRIVE'")
                .hasMessageContaining("known: FAKE")
                .hasMessageContaining("org.x2go:x2go-proxy-nx3");
    }

    @Test
    void guiceOverrideReplacesOneBackend() {
        FakeProviders.Proxy mine = new FakeProviders.Proxy("MINE");
        try (X2GoClient c = X2GoClient.builder().config(allFake()).systemProperties(new Properties()).graphics(false)
                .override(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(ProxyProvider.class).toInstance(mine);
                    }
                }).build()) {
            assertThat(c.backend(ProxyProvider.class)).isSameAs(mine);
            assertThat(c.backend(BackendKind.SSH).name()).isEqualTo("FAKE");
        }
    }

    @Test
    void integratorCanContributeAProviderThroughTheMapBinderAndSelectItByName() {
        FakeProviders.Proxy extra = new FakeProviders.Proxy("EXTRA");
        Map<String, String> cfg = allFake();
        cfg.put("x2go.backend.proxy", "Extra");
        try (X2GoClient c = X2GoClient.builder().config(cfg).systemProperties(new Properties()).graphics(false)
                .override(new AbstractModule() {
                    @Override
                    protected void configure() {
                        MapBinder.newMapBinder(binder(), String.class, ProxyProvider.class)
                                .addBinding("EXTRA").toInstance(extra);
                    }
                }).build()) {
            assertThat(c.backend(ProxyProvider.class)).isSameAs(extra);
        }
    }

    @Test
    void systemPropertyWinsOverConfig() {
        Properties sys = new Properties();
        sys.setProperty("x2go.backend.ssh", "other");
        Map<String, String> cfg = allFake();
        assertThatThrownBy(() -> X2GoClient.builder().config(cfg).systemProperties(sys).graphics(false).build())
                .isInstanceOf(X2GoBackendException.class)
                .hasMessageContaining("Unknown ssh backend 'OTHER'");
    }

    @Test
    void backendOfANonSpiClassIsRejectedAndClosedClientRefusesUse() {
        X2GoClient c = X2GoClient.builder().config(allFake()).systemProperties(new Properties()).graphics(false).build();
        assertThatThrownBy(() -> c.backend(NamedProvider.class)).isInstanceOf(IllegalArgumentException.class);
        c.close();
        c.close();
        assertThatThrownBy(c::ensureOpen).isInstanceOf(X2GoClientException.class);
    }

    @Test
    void everyBuilderSettingCanBeUndoneBeforeBuild() {
        FakeProviders.Proxy mine = new FakeProviders.Proxy("MINE");
        X2GoClient.Builder b = X2GoClient.builder().config(allFake()).systemProperties(new Properties()).graphics(false)
                .guardian(org.x2go.guardian.GuardianOptions.builder().build()).shutdownHook(true)
                .listener(new org.x2go.api.SessionListener() { })
                .override(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(ProxyProvider.class).toInstance(mine);
                    }
                })
                .set("x2go.backend.ssh", "nosuch");
        b.noGuardian().clearListeners().clearOverrides().clearConfig().config(allFake());
        try (X2GoClient c = b.build()) {
            assertThat(c.guardian()).isEmpty();
            assertThat(c.backend(ProxyProvider.class)).isNotSameAs(mine);
            assertThat(c.backend(BackendKind.SSH).name()).isEqualTo("FAKE");
        }
    }
}
