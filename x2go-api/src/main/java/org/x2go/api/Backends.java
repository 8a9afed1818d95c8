package org.x2go.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.spi.NamedProvider;

/**
 * The providers found on the class path, per {@link BackendKind}, keyed by canonical name.
 *
 * <p>Discovery uses {@link ServiceLoader} ({@code META-INF/services/<SPI>}) and is lazy: nothing is
 * loaded until a kind is asked for ({@link #select}, {@link #resolve}, {@link #providers}). A provider's
 * name comes from its {@link NamedProvider#name()}, so asking for a kind constructs each of its
 * candidates once to learn their names (there is no other way to name a provider); only the selected one
 * is then handed out, configured and used. Problems with a candidate never fail a selection that does
 * not need it; they are logged at WARN:
 * <ul>
 *   <li>a services entry naming a missing class or a class of the wrong SPI (a
 *       {@link ServiceConfigurationError}), or a provider whose constructor or {@code name()} throws;</li>
 *   <li>a provider with a blank name, or named {@code default}: that name is reserved (it selects the
 *       kind's default), so such a provider is skipped;</li>
 *   <li>two providers with one name (case-insensitive).</li>
 * </ul>
 * A selection fails with {@link X2GoBackendException} only when it is affected: the selected name is
 * carried by two providers (both classes named), or no usable provider has it (the known names, the
 * artifact of the default, and every broken candidate with its services file and class, since one of them
 * may be the one wanted). Thread-safe; each kind is discovered at most once.
 */
public final class Backends {
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
    /** Bound on the services entries read per kind, and on the bytes read per services file. */
    static final int MAX_CANDIDATES = 256;
    private static final int MAX_SERVICES_FILE = 64 * 1024;
    private static final Pattern PROVIDER_IN_MESSAGE = Pattern.compile(
            "^\\S+: (?:Provider )?([\\w.$]+) (?:not found|not a subtype|could not be)");

    /** The candidates of one kind: usable ones by name, names carried twice, and broken entries. */
    private record Found(Map<String, NamedProvider> byName, Map<String, List<String>> duplicates,
                         List<String> problems, Throwable firstFailure) {
    }

    private final ClassLoader loader;
    private final Map<BackendKind, Found> found = new EnumMap<>(BackendKind.class);

    private Backends(ClassLoader loader, Map<BackendKind, Found> explicit) {
        this.loader = loader;
        if (explicit != null) {
            found.putAll(explicit);
        }
    }

    /**
     * Discovery with the thread's context class loader (or this class's loader). Nothing is loaded yet.
     *
     * @return the providers, discovered per kind on first use
     */
    public static Backends discover() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return discover(cl != null ? cl : Backends.class.getClassLoader());
    }

    /**
     * @param loader the class loader to search
     * @return the providers, discovered per kind on first use
     */
    public static Backends discover(ClassLoader loader) {
        return new Backends(Objects.requireNonNull(loader, "loader"), null);
    }

    /**
     * Builds from explicit provider instances (tests, integrators without ServiceLoader). Unlike discovery
     * this is strict: every instance was given on purpose.
     *
     * @param instances providers of any kinds
     * @return the providers
     * @throws X2GoBackendException for two providers of one kind with one name, a blank name, or the
     *                              reserved name {@code default}
     */
    public static Backends of(List<? extends NamedProvider> instances) {
        Map<BackendKind, Found> all = new EnumMap<>(BackendKind.class);
        for (BackendKind kind : BackendKind.values()) {
            Map<String, NamedProvider> byName = new TreeMap<>();
            for (NamedProvider p : instances) {
                if (!kind.spi().isInstance(p)) {
                    continue;
                }
                String name = checkedName(kind, p);
                NamedProvider prev = byName.putIfAbsent(name, p);
                if (prev != null) {
                    throw new X2GoBackendException(twoNamed(kind, name,
                            List.of(prev.getClass().getName(), p.getClass().getName())));
                }
            }
            all.put(kind, new Found(Collections.unmodifiableMap(byName), Map.of(), List.of(), null));
        }
        return new Backends(null, all);
    }

    /** @return the canonical name, or throws naming the class for a blank or reserved name */
    private static String checkedName(BackendKind kind, NamedProvider p) {
        String raw = p.name();
        if (raw == null || raw.isBlank()) {
            throw new X2GoBackendException(kind.key() + " backend provider " + p.getClass().getName()
                    + " has a blank name()");
        }
        if (raw.strip().equalsIgnoreCase("default")) {
            throw new X2GoBackendException(kind.key() + " backend provider " + p.getClass().getName()
                    + " is named 'default', which is reserved: " + kind.propertyName()
                    + "=default selects the default " + kind.defaultName() + ". Give the provider its own name");
        }
        return kind.canonicalName(raw);
    }

    private Found found(BackendKind kind) {
        synchronized (found) {
            return found.computeIfAbsent(kind, this::discoverKind);
        }
    }

    private Found discoverKind(BackendKind kind) {
        Map<String, NamedProvider> byName = new TreeMap<>();
        Map<String, List<String>> duplicates = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        Throwable first = null;
        Iterator<? extends ServiceLoader.Provider<? extends NamedProvider>> it;
        try {
            it = ServiceLoader.load(kind.spi(), loader).stream().iterator();
        } catch (ServiceConfigurationError e) {
            problems.add(describe(kind, e));
            return new Found(Map.of(), Map.of(), List.copyOf(problems), e);
        }
        String lastError = null;
        for (int i = 0; i < MAX_CANDIDATES; i++) {
            ServiceLoader.Provider<? extends NamedProvider> p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                // a missing class or a class of another SPI; the loader goes on with the next entry
                if (Objects.equals(lastError, e.getMessage())) {
                    break; // the iterator could not move past it
                }
                lastError = e.getMessage();
                problems.add(describe(kind, e));
                first = first == null ? e : first;
                continue;
            }
            String type = p.type().getName();
            NamedProvider instance;
            String raw;
            try {
                instance = p.get();
                raw = instance.name();
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                problems.add("cannot create " + kind.key() + " backend provider " + type + " (listed in "
                        + servicesFiles(kind, type) + "): " + rootMessage(e));
                first = first == null ? e : first;
                continue;
            }
            if (raw == null || raw.isBlank()) {
                problems.add(kind.key() + " backend provider " + type + " has a blank name() and is skipped");
                continue;
            }
            if (raw.strip().equalsIgnoreCase("default")) {
                problems.add(kind.key() + " backend provider " + type + " is named 'default', which is reserved ("
                        + kind.propertyName() + "=default selects " + kind.defaultName() + "); it is skipped");
                continue;
            }
            String name = kind.canonicalName(raw);
            List<String> dup = duplicates.get(name);
            if (dup != null) {
                dup.add(type);
            } else if (byName.containsKey(name)) {
                List<String> both = new ArrayList<>(List.of(byName.remove(name).getClass().getName(), type));
                duplicates.put(name, both);
            } else {
                byName.put(name, instance);
            }
        }
        for (String problem : problems) {
            LOG.warn("{}", problem);
        }
        duplicates.forEach((name, classes) -> LOG.warn("{} backends named {}: {}; neither can be selected",
                kind.key(), name, classes));
        LOG.debug("{} backends found: {}", kind.key(), byName.keySet());
        duplicates.replaceAll((k, v) -> List.copyOf(v));
        return new Found(Collections.unmodifiableMap(byName), Collections.unmodifiableMap(duplicates),
                List.copyOf(problems), first);
    }

    /** A broken services entry: the SPI, the services file(s) listing the class, the class and the reason. */
    private String describe(BackendKind kind, ServiceConfigurationError e) {
        String message = String.valueOf(e.getMessage());
        Matcher m = PROVIDER_IN_MESSAGE.matcher(message);
        String cls = m.find() ? m.group(1) : null;
        String files = cls == null ? "META-INF/services/" + kind.spi().getName() : servicesFiles(kind, cls);
        return "broken " + kind.key() + " backend entry in " + files
                + (cls == null ? "" : " naming class " + SafeText.excerpt(cls)) + ": " + SafeText.excerpt(message);
    }

    /** @return the services files of the kind that list the class, or the resource name when none is found */
    private String servicesFiles(BackendKind kind, String className) {
        String resource = "META-INF/services/" + kind.spi().getName();
        if (loader == null) {
            return resource;
        }
        List<String> hits = new ArrayList<>();
        try {
            Enumeration<URL> urls = loader.getResources(resource);
            for (int n = 0; urls.hasMoreElements() && n < MAX_CANDIDATES; n++) {
                URL url = urls.nextElement();
                if (lists(url, className)) {
                    hits.add(SafeText.excerpt(url.toString()));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read {}: {}", resource, SafeText.excerpt(String.valueOf(e)));
        }
        return hits.isEmpty() ? resource : String.join(", ", hits);
    }

    private static boolean lists(URL url, String className) {
        try (InputStream in = url.openStream()) {
            String text = new String(in.readNBytes(MAX_SERVICES_FILE), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                int hash = line.indexOf('#');
                String entry = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (entry.equals(className)) {
                    return true;
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot read {}: {}", SafeText.excerpt(url.toString()), SafeText.excerpt(e.toString()));
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        for (int i = 0; i < 32 && t.getCause() != null && t.getCause() != t; i++) {
            t = t.getCause();
        }
        return SafeText.excerpt(t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (caused by " + t + ")");
    }

    private static String twoNamed(BackendKind kind, String name, List<String> classes) {
        return "Two " + kind.key() + " backends are named " + name + ": " + String.join(" and ", classes)
                + "; remove one of them from the class path";
    }

    /**
     * Every usable provider of a kind. Discovers the kind (constructing each candidate) when that has not
     * happened yet; meant for diagnostics. Names carried by two providers are left out.
     *
     * @param kind a kind
     * @return canonical name → provider, sorted by name
     */
    public Map<String, NamedProvider> providers(BackendKind kind) {
        return found(kind).byName();
    }

    /**
     * @param kind a kind
     * @return the problems met discovering the kind (broken services entries, failing constructors, reserved
     *         or blank names, names carried twice), each naming the class; empty when there were none
     */
    public List<String> problems(BackendKind kind) {
        Found f = found(kind);
        List<String> all = new ArrayList<>(f.problems());
        f.duplicates().forEach((name, classes) -> all.add(twoNamed(kind, name, classes)));
        return List.copyOf(all);
    }

    /**
     * Picks the provider of a kind by name.
     *
     * @param kind the kind
     * @param name the configured name (case-insensitive; {@code default} selects the default)
     * @param <T>  the SPI type of the kind
     * @return the provider
     * @throws X2GoBackendException for an unknown name (listing the broken candidates of the kind, with
     *                              their services files and classes) or a name two providers carry
     */
    @SuppressWarnings("unchecked")
    public <T extends NamedProvider> T select(BackendKind kind, String name) {
        Objects.requireNonNull(name, "name");
        String canonical = kind.canonicalName(name);
        Found f = found(kind);
        List<String> twice = f.duplicates().get(canonical);
        if (twice != null) {
            throw new X2GoBackendException(twoNamed(kind, canonical, twice));
        }
        NamedProvider p = f.byName().get(canonical);
        if (p == null) {
            String message = "Unknown " + kind.key() + " backend '" + name + "' (" + kind.propertyName()
                    + "); known: " + known(f) + ". The default " + kind.defaultName() + " is provided by "
                    + kind.defaultArtifact() + "; add it (or the artifact of '" + name + "') to the class path";
            if (!f.problems().isEmpty()) {
                message += ". Providers that could not be used (one of them may be the one wanted): "
                        + String.join("; ", f.problems());
            }
            throw new X2GoBackendException(message, f.firstFailure());
        }
        return (T) p;
    }

    /**
     * Resolves every selectable kind of a selection at once ({@link BackendKind#selectable()}), so a bad
     * configuration fails at start-up.
     *
     * @param selection the configured names
     * @return kind → provider
     * @throws X2GoBackendException naming the first unknown name (all failures in the message)
     */
    public Map<BackendKind, NamedProvider> resolve(BackendSelection selection) {
        Map<BackendKind, NamedProvider> out = new EnumMap<>(BackendKind.class);
        List<String> errors = new ArrayList<>();
        Throwable cause = null;
        for (BackendKind kind : BackendKind.selectable()) {
            try {
                out.put(kind, select(kind, selection.name(kind)));
            } catch (X2GoBackendException e) {
                errors.add(e.getMessage());
                cause = cause == null ? e.getCause() : cause;
            }
        }
        if (!errors.isEmpty()) {
            throw new X2GoBackendException(String.join("\n", errors), cause);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Discovers every selectable kind; for diagnostics.
     *
     * @return kind → known names
     */
    public Map<BackendKind, List<String>> describe() {
        Map<BackendKind, List<String>> m = new LinkedHashMap<>();
        for (BackendKind kind : BackendKind.selectable()) {
            m.put(kind, List.copyOf(providers(kind).keySet()));
        }
        return m;
    }

    private static String known(Found f) {
        var names = f.byName().keySet();
        return names.isEmpty() ? "(none on the class path)" : String.join(", ", names);
    }
}
