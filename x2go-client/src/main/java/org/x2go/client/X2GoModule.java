package org.x2go.client;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

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
 * Guice wiring of the backends: for every {@linkplain BackendKind#selectable() selectable}
 * {@link BackendKind} the SPI interface is bound to the provider the {@link BackendSelection} names, looked
 * up first among the integrator's contributions to a {@code MapBinder<String, SPI>}, then in {@link Backends}
 * (ServiceLoader). Only the selected provider of each kind is handed out; an unselected provider that is
 * broken never fails the wiring (see {@link Backends}).
 *
 * <p>Integrators can contribute more providers to a map ({@code MapBinder.newMapBinder(binder(),
 * String.class, ProxyProvider.class).addBinding("MINE").to(...)}) and select them by name, or replace
 * one binding outright with {@code Modules.override(new X2GoModule(...)).with(...)}. The map holds the
 * contributions only, not the discovered providers. Selection is eager: an unknown name fails when the
 * injector is created, listing the known names.
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
        for (BackendKind kind : BackendKind.selectable()) {
            bindKind(kind, kind.spi());
        }
    }

    private <T extends NamedProvider> void bindKind(BackendKind kind, Class<T> spi) {
        MapBinder.newMapBinder(binder(), String.class, spi); // an empty map unless an integrator contributes
        @SuppressWarnings("unchecked")
        Key<Map<String, T>> mapKey = (Key<Map<String, T>>) Key.get(Types.mapOf(String.class, spi));
        bind(spi).toProvider(new Selected<>(kind, spi, selection.name(kind), getProvider(mapKey), backends))
                .asEagerSingleton();
    }

    /** Looks the configured name up among the integrator's contributions, then among the discovered providers. */
    private static final class Selected<T extends NamedProvider> implements Provider<T> {
        private final BackendKind kind;
        private final Class<T> spi;
        private final String name;
        private final Provider<Map<String, T>> map;
        private final Backends backends;

        Selected(BackendKind kind, Class<T> spi, String name, Provider<Map<String, T>> map, Backends backends) {
            this.kind = kind;
            this.spi = spi;
            this.name = name;
            this.map = map;
            this.backends = backends;
        }

        @Override
        public T get() {
            String canonical = kind.canonicalName(name);
            for (Map.Entry<String, T> e : map.get().entrySet()) {
                if (kind.canonicalName(e.getKey()).equals(canonical)) {
                    return e.getValue();
                }
            }
            try {
                return spi.cast(backends.select(kind, name));
            } catch (X2GoBackendException e) {
                Set<String> contributed = new TreeSet<>(map.get().keySet());
                if (contributed.isEmpty()) {
                    throw e;
                }
                throw new X2GoBackendException(e.getMessage() + " (also contributed through Guice: "
                        + String.join(", ", contributed) + ")", e.getCause());
            }
        }
    }
}
