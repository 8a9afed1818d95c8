package org.x2go.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.ProxyProvider;
import org.x2go.spi.ProxyRequest;

class BackendsTest {

    /** A proxy provider with a configurable name. */
    public static class NamedProxy implements ProxyProvider {
        private final String name;

        public NamedProxy() {
            this("NX3");
        }

        NamedProxy(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public GraphicsProxy start(ProxyRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    /** Second class with the same default name, for the duplicate check. */
    public static class OtherNx3 extends NamedProxy {
    }

    /** A provider whose constructor fails. */
    public static class BrokenProxy extends NamedProxy {
        public BrokenProxy() {
            throw new IllegalStateException("boom: nxproxy path not configured");
        }
    }

    /** A second, distinct name. */
    public static class Kdrive extends NamedProxy {
        public Kdrive() {
            super("KDRIVE");
        }
    }

    /** Takes the reserved name. */
    public static class NamedDefault extends NamedProxy {
        public NamedDefault() {
            super("default");
        }
    }

    /** Counts its instances. */
    public static class Counting extends NamedProxy {
        static final java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();

        public Counting() {
            super("COUNTING");
            created.incrementAndGet();
        }
    }

    @SuppressWarnings("removal")
    @Test
    void defaultSelectionIsPythonsPlusJsch() {
        BackendSelection s = BackendSelection.fromConfig(Map.of(), new Properties());
        assertThat(s.name(BackendKind.CONTROL)).isEqualTo("PLAIN");
        assertThat(s.name(BackendKind.TERMINAL)).isEqualTo("PLAIN");
        assertThat(s.name(BackendKind.INFO)).isEqualTo("PLAIN");
        assertThat(s.name(BackendKind.LIST)).isEqualTo("PLAIN");
        assertThat(s.name(BackendKind.PROXY)).isEqualTo("NX3");
        assertThat(s.name(BackendKind.SETTINGS)).isEqualTo("FILE");
        assertThat(s.name(BackendKind.PROFILES)).isEqualTo("FILE");
        assertThat(s.name(BackendKind.PRINTING)).isEqualTo("FILE");
        assertThat(s.name(BackendKind.SSH)).isEqualTo("JSCH");
        assertThat(s).isEqualTo(BackendSelection.defaults());
    }

    @Test
    void configSelectsCaseInsensitivelyAndDefaultKeywordInAnyCase() {
        BackendSelection s = BackendSelection.fromConfig(
                Map.of("x2go.backend.ssh", "sshj", "x2go.backend.proxy", "Default", "x2go.backend.unrelated", "x"),
                new Properties());
        assertThat(s.name(BackendKind.SSH)).isEqualTo("SSHJ");
        assertThat(s.name(BackendKind.PROXY)).isEqualTo("NX3");
    }

    @Test
    void systemPropertyWinsOverConfig() {
        Properties sys = new Properties();
        sys.setProperty("x2go.backend.ssh", "jsch");
        BackendSelection s = BackendSelection.fromConfig(Map.of("x2go.backend.ssh", "SSHJ"), sys);
        assertThat(s.name(BackendKind.SSH)).isEqualTo("JSCH");
    }

    @Test
    void selectIsCaseInsensitive() {
        NamedProxy p = new NamedProxy("NX3");
        Backends b = Backends.of(List.of(p));
        assertThat((ProxyProvider) b.select(BackendKind.PROXY, "nx3")).isSameAs(p);
        assertThat((ProxyProvider) b.select(BackendKind.PROXY, "DEFAULT")).isSameAs(p);
    }

    @Test
    void unknownNameListsKnownNamesAndTheDefaultArtifact() {
        Backends b = Backends.of(List.of(new NamedProxy("NX3"), new NamedProxy("KDRIVE")));
        assertThatThrownBy(() -> b.select(BackendKind.PROXY, "x11"))
                .isInstanceOf(X2GoBackendException.class)
                .hasMessage("Unknown proxy backend 'x11' (x2go.backend.proxy); known: KDRIVE, NX3. The default NX3 is"
                        + " provided by org.x2go:x2go-proxy-nx3; add it (or the artifact of 'x11') to the class path");
    }

    @Test
    void emptyKindSaysNoneOnTheClassPath() {
        Backends b = Backends.of(List.of());
        assertThatThrownBy(() -> b.resolve(BackendSelection.defaults()))
                .isInstanceOf(X2GoBackendException.class)
                .hasMessageContaining("Unknown ssh backend 'JSCH' (x2go.backend.ssh); known: (none on the class path)")
                .hasMessageContaining("org.x2go:x2go-backend-plain")
                .hasMessageContaining("org.x2go:x2go-settings-file");
    }

    @Test
    void duplicateNamesNameBothClasses() {
        assertThatThrownBy(() -> Backends.of(List.of(new NamedProxy("nx3"), new OtherNx3())))
                .isInstanceOf(X2GoBackendException.class)
                .hasMessageContaining("Two proxy backends are named NX3")
                .hasMessageContaining(NamedProxy.class.getName())
                .hasMessageContaining(OtherNx3.class.getName());
    }

    @Test
    void duplicateSelectedNameThroughServiceLoaderNamesBothClasses(@TempDir Path dir) throws IOException {
        try (URLClassLoader cl = loaderWith(dir, NamedProxy.class.getName(), OtherNx3.class.getName())) {
            Backends b = Backends.discover(cl);
            assertThatThrownBy(() -> b.select(BackendKind.PROXY, "nx3"))
                    .isInstanceOf(X2GoBackendException.class)
                    .hasMessageContaining("Two proxy backends are named NX3")
                    .hasMessageContaining(NamedProxy.class.getName())
                    .hasMessageContaining(OtherNx3.class.getName());
        }
    }

    @Test
    void unselectedProvidersSharingANameDoNotBreakTheSelection(@TempDir Path dir) throws IOException {
        try (URLClassLoader cl = loaderWith(dir, NamedProxy.class.getName(), OtherNx3.class.getName(),
                Kdrive.class.getName())) {
            Backends b = Backends.discover(cl);
            assertThat((ProxyProvider) b.select(BackendKind.PROXY, "kdrive")).isInstanceOf(Kdrive.class);
            assertThat(b.problems(BackendKind.PROXY)).singleElement().asString()
                    .contains("Two proxy backends are named NX3");
        }
    }

    @Test
    void brokenUnselectedProviderIsSkippedAndReportedWithItsClassName(@TempDir Path dir) throws IOException {
        try (URLClassLoader cl = loaderWith(dir, BrokenProxy.class.getName(), Kdrive.class.getName())) {
            Backends b = Backends.discover(cl);
            assertThat((ProxyProvider) b.select(BackendKind.PROXY, "KDRIVE")).isInstanceOf(Kdrive.class);
            assertThat(b.problems(BackendKind.PROXY)).singleElement().asString()
                    .contains("cannot create proxy backend provider " + BrokenProxy.class.getName())
                    .contains("boom: nxproxy path not configured")
                    .contains("META-INF/services/org.x2go.spi.ProxyProvider");
        }
    }

    @Test
    void failingSelectedConstructorIsReportedWithItsClassName(@TempDir Path dir) throws IOException {
        try (URLClassLoader cl = loaderWith(dir, BrokenProxy.class.getName())) {
            Backends b = Backends.discover(cl);
            assertThatThrownBy(() -> b.select(BackendKind.PROXY, "NX3"))
                    .isInstanceOf(X2GoBackendException.class)
                    .hasMessageContaining("Unknown proxy backend 'NX3'")
                    .hasMessageContaining("cannot create proxy backend provider " + BrokenProxy.class.getName())
                    .hasMessageContaining("boom: nxproxy path not configured");
        }
    }

    @Test
    void missingClassBecomesABackendExceptionNamingTheServicesFileAndTheClass(@TempDir Path dir) throws IOException {
        try (URLClassLoader cl = loaderWith(dir, "com.example.NoSuchProxy", Kdrive.class.getName())) {
            Backends b = Backends.discover(cl);
            // the selection that does not need it still works
            assertThat((ProxyProvider) b.select(BackendKind.PROXY, "kdrive")).isInstanceOf(Kdrive.class);
            // one that might have needed it fails with a checked-for type, not an Error
            assertThatThrownBy(() -> b.select(BackendKind.PROXY, "nx3"))
                    .isInstanceOf(X2GoBackendException.class)
                    .hasMessageContaining("com.example.NoSuchProxy")
                    .hasMessageContaining("naming class com.example.NoSuchProxy")
                    .hasMessageContaining(dir.resolve("META-INF/services/org.x2go.spi.ProxyProvider").toString())
                    .hasCauseInstanceOf(java.util.ServiceConfigurationError.class);
        }
    }

    @Test
    void classOfAnotherSpiBecomesABackendExceptionNamingTheServicesFileAndTheClass(@TempDir Path dir)
            throws IOException {
        try (URLClassLoader cl = loaderWith(dir, BackendsTest.class.getName(), Kdrive.class.getName())) {
            Backends b = Backends.discover(cl);
            assertThat((ProxyProvider) b.select(BackendKind.PROXY, "kdrive")).isInstanceOf(Kdrive.class);
            assertThatThrownBy(() -> b.select(BackendKind.PROXY, "nx3"))
                    .isInstanceOf(X2GoBackendException.class)
                    .hasMessageContaining("naming class " + BackendsTest.class.getName())
                    .hasMessageContaining("not a subtype")
                    .hasMessageContaining(dir.resolve("META-INF/services/org.x2go.spi.ProxyProvider").toString());
        }
    }

    @Test
    void providerNamedDefaultIsSkippedWithAClearMessageNotTakenForTheDefault(@TempDir Path dir) throws IOException {
        try (URLClassLoader cl = loaderWith(dir, NamedDefault.class.getName(), NamedProxy.class.getName())) {
            Backends b = Backends.discover(cl);
            assertThat((ProxyProvider) b.select(BackendKind.PROXY, "default")).isExactlyInstanceOf(NamedProxy.class);
            assertThat(b.problems(BackendKind.PROXY)).singleElement().asString()
                    .contains(NamedDefault.class.getName()).contains("named 'default', which is reserved");
        }
        assertThatThrownBy(() -> Backends.of(List.of(new NamedProxy("Default"))))
                .isInstanceOf(X2GoBackendException.class)
                .hasMessageContaining("is named 'default', which is reserved");
    }

    @Test
    void discoveryIsLazyPerKind(@TempDir Path dir) throws IOException {
        Counting.created.set(0);
        try (URLClassLoader cl = loaderWith(dir, Counting.class.getName())) {
            Backends b = Backends.discover(cl);
            assertThat(Counting.created).hasValue(0);
            b.providers(BackendKind.SSH);
            assertThat(Counting.created).hasValue(0);
            b.select(BackendKind.PROXY, "counting");
            b.select(BackendKind.PROXY, "counting");
            assertThat(Counting.created).hasValue(1);
        }
    }

    @SuppressWarnings("removal")
    @Test
    void infoKindTakesOnlyItsDefaultAndIsNotResolved() {
        assertThat(BackendKind.selectable()).doesNotContain(BackendKind.INFO).hasSize(BackendKind.values().length - 1);
        assertThatThrownBy(() -> BackendSelection.fromConfig(Map.of("x2go.backend.info", "mine"), new Properties()))
                .isInstanceOf(X2GoBackendException.class)
                .hasMessageContaining("x2go.backend.info=mine cannot be honoured");
        assertThat(BackendSelection.fromConfig(Map.of("x2go.backend.info", "default"), new Properties())
                .name(BackendKind.INFO)).isEqualTo("PLAIN");
        Backends b = Backends.of(List.of(new NamedProxy("NX3")));
        assertThatThrownBy(() -> b.resolve(BackendSelection.defaults()))
                .isInstanceOf(X2GoBackendException.class)
                .hasMessageNotContaining("info backend");
    }

    @Test
    void discoveryFindsAServiceLoaderProvider(@TempDir Path dir) throws IOException {
        try (URLClassLoader cl = loaderWith(dir, NamedProxy.class.getName())) {
            Backends b = Backends.discover(cl);
            assertThat(b.providers(BackendKind.PROXY)).containsOnlyKeys("NX3");
            assertThat(b.describe().get(BackendKind.PROXY)).containsExactly("NX3");
            assertThat(b.providers(BackendKind.SSH)).isEmpty();
        }
    }

    @Test
    void blankNameIsRejected() {
        assertThatThrownBy(() -> Backends.of(List.of(new NamedProxy(" "))))
                .isInstanceOf(X2GoBackendException.class).hasMessageContaining("blank name()");
    }

    private static URLClassLoader loaderWith(Path dir, String... classes) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(ProxyProvider.class.getName()), String.join("\n", classes) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, BackendsTest.class.getClassLoader());
    }
}
