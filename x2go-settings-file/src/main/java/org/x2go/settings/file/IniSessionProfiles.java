package org.x2go.settings.file;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

import org.x2go.api.ProfileSchema;
import org.x2go.api.SafeText;
import org.x2go.api.SessionProfile;
import org.x2go.api.X2GoProfileException;
import org.x2go.spi.SessionProfiles;
import org.x2go.ini.IniDocument;
import org.x2go.ini.IniStore;

/**
 * {@link SessionProfiles} on an {@link IniStore}: x2goclient's {@code sessions} file (spec §5.1) or memory.
 * Thread-safe.
 *
 * <ul>
 *   <li>One section per profile; the section name is the stable ID. {@code [none]} and {@code [embedded]}
 *       are not profiles (python also skipped every section whose name is a substring of "embedded", Q-11).</li>
 *   <li>On load every known key is type-checked (a bad value → {@link X2GoProfileException} naming file, line,
 *       profile and key) and missing keys get their defaults (an absent {@code export} becomes empty, not
 *       python's {@code {}}, Q-9). Profiles sharing a name are renamed {@code <name> (1)}, {@code <name> (2)}.</li>
 *   <li>Changing {@code host} keeps the ID (python gave the profile a new ID on save, Q-13); new IDs carry the
 *       minutes .</li>
 *   <li>Changes stay in memory until {@link #save()}.</li>
 * </ul>
 */
public final class IniSessionProfiles implements SessionProfiles {
    /** Sections that are never profiles. */
    public static final Set<String> NON_PROFILE_SECTIONS = Set.of("none", "embedded");

    private final IniStore store;
    private final Clock clock;
    private final String localUser;

    /**
     * @param store     where the profiles live; its normaliser should be {@link #normaliser(String, String)}
     * @param clock     source of new IDs
     * @param localUser the default of {@code user}
     */
    public IniSessionProfiles(IniStore store, Clock clock, String localUser) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.localUser = Objects.requireNonNull(localUser, "localUser");
    }

    /**
     * The load-time checks and fills described in the class comment.
     *
     * @param source    file name for messages
     * @param localUser the default of {@code user}
     * @return the normaliser
     */
    public static Consumer<IniDocument> normaliser(String source, String localUser) {
        Map<String, String> defaults = ProfileSchema.defaults(localUser);
        return doc -> {
            for (String id : doc.sections()) {
                if (NON_PROFILE_SECTIONS.contains(id)) {
                    continue;
                }
                doc.entries(id).forEach((key, value) -> {
                    try {
                        ProfileSchema.validate(key, value);
                    } catch (IllegalArgumentException e) {
                        OptionalInt line = doc.line(id, key);
                        throw new X2GoProfileException(source + (line.isPresent() ? " line " + line.getAsInt() : "")
                                + " profile [" + SafeText.excerpt(id, 80) + "] key '" + SafeText.excerpt(key, 80)
                                + "': " + SafeText.excerpt(e.getMessage()), e);
                    }
                });
                defaults.forEach((key, value) -> {
                    if (doc.get(id, key).isEmpty()) {
                        doc.set(id, key, value);
                    }
                });
            }
            Map<String, List<String>> byName = new LinkedHashMap<>();
            for (String id : doc.sections()) {
                if (!NON_PROFILE_SECTIONS.contains(id)) {
                    byName.computeIfAbsent(doc.get(id, "name").orElse(""), n -> new ArrayList<>()).add(id);
                }
            }
            byName.forEach((name, ids) -> {
                if (ids.size() > 1) {
                    for (int i = 0; i < ids.size(); i++) {
                        doc.set(ids.get(i), "name", renamed(doc, ids.get(i), name, i + 1));
                    }
                }
            });
        };
    }

    /**
     * {@code <name> (<n>)}, made storable: a name read from the file may be empty or hold characters that a
     * new value may not (control characters), and the file must load all the same.
     */
    private static String renamed(IniDocument doc, String id, String name, int n) {
        String plain = (name + " (" + n + ")").strip();
        try {
            doc.requireStorable(id, "name", plain);
            return plain;
        } catch (IllegalArgumentException e) {
            return (SafeText.visible(name) + " (" + n + ")").strip();
        }
    }

    @Override
    public synchronized List<SessionProfile> all() {
        List<SessionProfile> out = new ArrayList<>();
        IniDocument doc = store.document();
        for (String id : doc.sections()) {
            if (!NON_PROFILE_SECTIONS.contains(id)) {
                out.add(profile(doc, id));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public synchronized Optional<SessionProfile> byId(String id) {
        IniDocument doc = store.document();
        if (id == null || NON_PROFILE_SECTIONS.contains(id) || !doc.hasSection(id)) {
            return Optional.empty();
        }
        return Optional.of(profile(doc, id));
    }

    @Override
    public synchronized Optional<SessionProfile> byName(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * @param name a profile name
     * @return its ID
     */
    public synchronized Optional<String> toProfileId(String name) {
        return byName(name).map(SessionProfile::id);
    }

    /**
     * @param id a profile ID
     * @return its name; empty for an unknown ID (python returned the text {@code None}, Q-12)
     */
    public synchronized Optional<String> toProfileName(String id) {
        return byId(id).map(SessionProfile::name);
    }

    @Override
    public synchronized SessionProfile create(String name, Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        checkName(null, name);
        values.forEach(this::validate);
        IniDocument doc = store.document();
        String id = ProfileIds.generate(clock, doc::hasSection);
        try {
            // every check before the first change, so a refused profile leaves nothing behind to be saved
            doc.requireStorable(id, "name", name);
            values.forEach((k, v) -> doc.requireStorable(id, k, v));
        } catch (IllegalArgumentException e) {
            throw new X2GoProfileException(store.source() + ": cannot create profile '" + SafeText.excerpt(name, 80)
                    + "': " + e.getMessage(), e);
        }
        doc.addSection(id);
        doc.set(id, "name", name);
        values.forEach((k, v) -> {
            if (!k.equals("name")) {
                doc.set(id, k, v);
            }
        });
        ProfileSchema.defaults(localUser).forEach((k, v) -> {
            if (doc.get(id, k).isEmpty()) {
                doc.set(id, k, v);
            }
        });
        return profile(doc, id);
    }

    @Override
    public synchronized SessionProfile update(String id, Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        requireProfile(id);
        if (values.containsKey("name")) {
            checkName(id, values.get("name"));
        }
        values.forEach(this::validate);
        IniDocument doc = store.document();
        try {
            // all or nothing: a refused value must not leave the others half-applied for the next save
            values.forEach((k, v) -> doc.requireStorable(id, k, v));
        } catch (IllegalArgumentException ex) {
            throw new X2GoProfileException(store.source() + " profile [" + id + "]: " + ex.getMessage(), ex);
        }
        values.forEach((k, v) -> doc.set(id, k, v));
        return profile(doc, id);
    }

    @Override
    public synchronized SessionProfile rename(String id, String newName) {
        return update(id, Map.of("name", Objects.requireNonNullElse(newName, "")));
    }

    @Override
    public synchronized void delete(String id) {
        requireProfile(id);
        store.document().removeSection(id);
    }

    /**
     * {@inheritDoc}
     *
     * @throws X2GoProfileException when the file cannot be written (its previous content stays intact)
     */
    @Override
    public synchronized void save() {
        store.save();
    }

    /** Discards unsaved changes and re-reads the profiles. */
    public synchronized void reload() {
        store.reload();
    }

    /** @return the profiles as file text */
    public synchronized String serialize() {
        return store.document().serialize();
    }

    /** @return the file (or memory label) */
    public String source() {
        return store.source();
    }

    private void requireProfile(String id) {
        if (id == null || NON_PROFILE_SECTIONS.contains(id) || !store.document().hasSection(id)) {
            throw new X2GoProfileException(store.source() + ": unknown profile ID '" + id + "'");
        }
    }

    private void checkName(String selfId, String name) {
        if (name == null || name.isBlank()) {
            throw new X2GoProfileException(store.source() + ": a profile name must not be empty");
        }
        if (name.contains("\n") || name.contains("\r")) {
            throw new X2GoProfileException(store.source() + ": a profile name must be one line: '"
                    + SafeText.excerpt(name, 80) + "'");
        }
        for (SessionProfile p : all()) {
            if (p.name().equals(name) && !p.id().equals(selfId)) {
                throw new X2GoProfileException(store.source() + ": profile name '" + SafeText.excerpt(name, 80)
                        + "' is already used by profile [" + p.id() + "]");
            }
        }
    }

    private void validate(String key, String value) {
        Objects.requireNonNull(key, "key");
        if (value == null) {
            throw new X2GoProfileException(store.source() + ": null value for key '" + SafeText.excerpt(key, 80) + "'");
        }
        try {
            ProfileSchema.validate(key, value);
        } catch (IllegalArgumentException e) {
            throw new X2GoProfileException(store.source() + ": key '" + SafeText.excerpt(key, 80) + "': "
                    + SafeText.excerpt(e.getMessage()), e);
        }
    }

    private static SessionProfile profile(IniDocument doc, String id) {
        Map<String, String> values = doc.entries(id);
        return new SessionProfile(id, values.getOrDefault("name", ""), values);
    }
}
