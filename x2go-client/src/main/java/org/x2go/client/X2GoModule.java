package org.x2go.client;

import java.util.Map;
import java.util.Objects;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Types;

import org.x2go.api.BackendKind;
import org.x2go.api.BackendSelection;
import org.x2go.api.Backends;
import org.x2go.api.X2GoBackendException;
import org.x2go.spi.NamedProvider;

/**
 * Guice wiring of the backends: for every {@link BackendKind} a {@code MapBinder<String, SPI>} filled
 * from {@link Backends} (ServiceLoader), and the SPI interface bound to the entry the
 * {@link BackendSelection} names.
 *
 * <p>Integrators can contribute more providers to a map ({@code MapBinder.newMapBinder(binder(),
 * String.class, ProxyProvider.class).addBinding("MINE").to(...)}) and select them by name, or replace
 * one binding outright with {@code Modules.override(new X2GoModule(...)).with(...)}. Selection is
 * eager: an unknown name fails when the injector is created, listing the known names.
 */
public final class X2GoModule extends AbstractModule {
    private final BackendSelection selection;
    private final Backends backends;

    /**
     * @param selection the configured backend names
     * @param backends  the discovered providers
     */
    public X2GoModule(BackendSelection selection, Backends backends) {
        this.selection = Objects.requireNonNull(selection, "selection");
        this.backends = Objects.requireNonNull(backends, "backends");
    }

    @Override
    protected void configure() {
        bind(BackendSelection.class).toInstance(selection);
        bind(Backends.class).toInstance(backends);
        for (BackendKind kind : BackendKind.values()) {
            bindKind(kind, kind.spi());
        }
    }

    private <T extends NamedProvider> void bindKind(BackendKind kind, Class<T> spi) {
        MapBinder<String, T> map = MapBinder.newMapBinder(binder(), String.class, spi);
        for (Map.Entry<String, NamedProvider> e : backends.providers(kind).entrySet()) {
            map.addBinding(e.getKey()).toInstance(spi.cast(e.getValue()));
        }
        @SuppressWarnings("unchecked")
        Key<Map<String, T>> mapKey = (Key<Map<String, T>>) Key.get(Types.mapOf(String.class, spi));
        bind(spi).toProvider(new Selected<>(kind, selection.name(kind), getProvider(mapKey))).asEagerSingleton();
    }

    /** Looks the configured name up in the (possibly integrator-extended) map. */
    private static final class Selected<T> implements Provider<T> {
        private final BackendKind kind;
        private final String name;
        private final Provider<Map<String, T>> map;

        Selected(BackendKind kind, String name, Provider<Map<String, T>> map) {
            this.kind = kind;
            this.name = name;
            this.map = map;
        }

        @Override
        public T get() {
            Map<String, T> all = map.get();
            T p = all.get(kind.canonicalName(name));
            if (p == null) {
                throw new X2GoBackendException("Unknown " + kind.key() + " backend '" + name + "' ("
                        + kind.propertyName() + "); known: "
                        + (all.isEmpty() ? "(none on the class path)" : String.join(", ", new java.util.TreeSet<>(all.keySet())))
                        + ". The default " + kind.defaultName() + " is provided by " + kind.defaultArtifact());
            }
            return p;
        }
    }
}
