package org.x2go.settings.file;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.x2go.api.IniValues;
import org.x2go.api.SafeText;
import org.x2go.api.ProfileSchema.ValueType;
import org.x2go.api.X2GoClientSettingsException;
import org.x2go.spi.ClientSettings;
import org.x2go.ini.IniDefaults;
import org.x2go.ini.IniStore;

/**
 * {@link ClientSettings} on an {@link IniStore}: x2goclient's {@code settings} file (spec §4.1) or memory.
 * Typed reads fail with {@link X2GoClientSettingsException} naming file, line and key. Thread-safe.
 */
public final class IniClientSettings implements ClientSettings {

    /** The defaults of R-SET-1, in file order. */
    public static final IniDefaults DEFAULTS = IniDefaults.builder()
            .bool("LDAP", "useldap", false).integer("LDAP", "port", 389).text("LDAP", "server", "localhost")
            .integer("LDAP", "port1", 0).integer("LDAP", "port2", 0)
            .integer("General", "clientport", 22).bool("General", "autoresume", true)
            .bool("Authorization", "newprofile", true).bool("Authorization", "suspend", true)
            .bool("Authorization", "editprofile", true).bool("Authorization", "resume", true)
            .bool("trayicon", "enabled", true).bool("trayicon", "mintotray", true).bool("trayicon", "noclose", true)
            .bool("trayicon", "mincon", true).bool("trayicon", "maxdiscon", true)
            .build();

    private final IniStore store;

    /** @param store where the settings live; its normaliser should fill {@link #DEFAULTS} */
    public IniClientSettings(IniStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public synchronized Set<String> sections() {
        Set<String> s = new LinkedHashSet<>(store.document().sections());
        s.addAll(DEFAULTS.sections());
        return s;
    }

    @Override
    public synchronized Optional<String> get(String section, String key) {
        Optional<String> v = store.document().get(section, key);
        return v.isPresent() ? v : DEFAULTS.get(section, key).map(IniDefaults.Default::text);
    }

    @Override
    public synchronized boolean getBoolean(String section, String key) {
        String v = require(section, key);
        try {
            return IniValues.parseBoolean(v);
        } catch (IllegalArgumentException e) {
            throw bad(section, key, e);
        }
    }

    @Override
    public synchronized int getInt(String section, String key) {
        String v = require(section, key);
        try {
            return IniValues.parseInt(v);
        } catch (IllegalArgumentException e) {
            throw bad(section, key, e);
        }
    }

    @Override
    public synchronized List<String> getList(String section, String key) {
        String v = require(section, key);
        try {
            return IniValues.parseList(v);
        } catch (IllegalArgumentException e) {
            throw bad(section, key, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws X2GoClientSettingsException when the value does not fit the key's default type (e.g. a
     *                                     non-boolean text for a boolean key) or cannot be stored
     */
    @Override
    public synchronized void set(String section, String key, Object value) {
        Objects.requireNonNull(value, "value");
        String text = IniValues.format(value);
        Optional<IniDefaults.Default> d = DEFAULTS.get(section, key);
        try {
            if (d.isPresent() && d.get().type() == ValueType.BOOL) {
                IniValues.parseBoolean(text);
            } else if (d.isPresent() && d.get().type() == ValueType.INT) {
                IniValues.parseInt(text);
            }
            store.document().set(section, key, text);
        } catch (IllegalArgumentException e) {
            throw new X2GoClientSettingsException(store.source() + ": cannot set [" + SafeText.excerpt(section, 80)
                    + "] " + SafeText.excerpt(key, 80) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void save() {
        store.save();
    }

    /** Discards unsaved changes and re-reads the settings. */
    public synchronized void reload() {
        store.reload();
    }

    /** @return the settings as file text (python's broken "printable config", Q-10) */
    public synchronized String serialize() {
        return store.document().serialize();
    }

    /** @return the file (or memory label) */
    public String source() {
        return store.source();
    }

    private String require(String section, String key) {
        return get(section, key).orElseThrow(() -> new X2GoClientSettingsException(store.source()
                + ": unknown key [" + section + "] " + key + " (not stored and no default)"));
    }

    private X2GoClientSettingsException bad(String section, String key, IllegalArgumentException e) {
        OptionalInt line = store.document().line(section, key);
        String where = line.isPresent() ? " line " + line.getAsInt() : "";
        return new X2GoClientSettingsException(store.source() + where + " key '" + SafeText.excerpt(key, 80) + "' in ["
                + SafeText.excerpt(section, 80) + "]: " + SafeText.excerpt(e.getMessage()), e);
    }
}
