package com.example.x2go.profiles;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.x2go.api.ProfileSchema;
import org.x2go.api.SafeText;
import org.x2go.api.SessionProfile;
import org.x2go.api.X2GoProfileException;
import org.x2go.spi.SessionProfiles;

/**
 * Profiles held in memory and written to a properties file by {@link #save()}. IDs are random UUIDs (stable:
 * never changed by update or rename). Values are validated with {@link ProfileSchema}, so what a client
 * reads back has the types x2goclient's keys have. Thread-safe: every method holds the instance's lock.
 */
final class PropertiesProfiles implements SessionProfiles {
    /** Bounds what a file may make us hold: a file is written by a person or by us, never this large. */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
    private static final String ORDER = "order";

    private final Path file;
    private final Map<String, SessionProfile> byId = new LinkedHashMap<>();

    private PropertiesProfiles(Path file) {
        this.file = file;
    }

    /**
     * @param file the properties file; a missing one reads as no profiles
     * @return the profiles in it
     * @throws X2GoProfileException naming the file when it cannot be read or is malformed
     */
    static PropertiesProfiles load(Path file) {
        PropertiesProfiles p = new PropertiesProfiles(file);
        Properties props = new Properties();
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new X2GoProfileException("Profiles file " + file + " is larger than " + MAX_FILE_BYTES
                        + " bytes");
            }
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(r);
            }
        } catch (NoSuchFileException e) {
            return p;
        } catch (IOException | IllegalArgumentException e) {
            throw new X2GoProfileException("Cannot read profiles file " + file + ": " + e.getMessage(), e);
        }
        for (String id : props.getProperty(ORDER, "").split(",")) {
            if (id.isBlank()) {
                continue;
            }
            String prefix = id + ".";
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : props.stringPropertyNames()) {
                if (key.startsWith(prefix)) {
                    values.put(key.substring(prefix.length()), props.getProperty(key));
                }
            }
            String name = values.get("name");
            if (name == null) {
                throw new X2GoProfileException("Profiles file " + file + ": profile " + SafeText.excerpt(id)
                        + " has no name");
            }
            p.byId.put(id, p.checked(id, name, values));
        }
        return p;
    }

    @Override
    public synchronized List<SessionProfile> all() {
        return List.copyOf(byId.values());
    }

    @Override
    public synchronized Optional<SessionProfile> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<SessionProfile> byName(String name) {
        return byId.values().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public synchronized SessionProfile create(String name, Map<String, String> values) {
        checkNameFree(name, null);
        String id = UUID.randomUUID().toString();
        Map<String, String> all = new LinkedHashMap<>(ProfileSchema.defaults(ProfileSchema.localUser()));
        all.putAll(values);
        SessionProfile p = checked(id, name, all);
        byId.put(id, p);
        return p;
    }

    @Override
    public synchronized SessionProfile update(String id, Map<String, String> values) {
        SessionProfile old = existing(id);
        Map<String, String> all = new LinkedHashMap<>(old.values());
        all.putAll(values);
        String name = all.getOrDefault("name", old.name());
        if (!name.equals(old.name())) {
            checkNameFree(name, id);
        }
        SessionProfile p = checked(id, name, all);
        byId.put(id, p);
        return p;
    }

    @Override
    public synchronized SessionProfile rename(String id, String newName) {
        return update(id, Map.of("name", newName));
    }

    @Override
    public synchronized void delete(String id) {
        existing(id);
        byId.remove(id);
    }

    @Override
    public synchronized void save() {
        Properties props = new Properties();
        props.setProperty(ORDER, String.join(",", byId.keySet()));
        byId.forEach((id, p) -> p.values().forEach((k, v) -> props.setProperty(id + "." + k, v)));
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // write a sibling, then move it over the file: a reader never sees half a file
            Path tmp = Files.createTempFile(dir, ".profiles", ".tmp");
            try {
                try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    props.store(w, "x2go-java PROPERTIES profiles");
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new X2GoProfileException("Cannot write profiles file " + file + ": " + e.getMessage(), e);
        }
    }

    private SessionProfile existing(String id) {
        SessionProfile p = byId.get(id);
        if (p == null) {
            throw new X2GoProfileException("No profile with ID '" + SafeText.excerpt(String.valueOf(id)) + "'");
        }
        return p;
    }

    private void checkNameFree(String name, String exceptId) {
        checkName(name);
        for (SessionProfile p : byId.values()) {
            if (p.name().equals(name) && !p.id().equals(exceptId)) {
                throw new X2GoProfileException("Profile name '" + SafeText.excerpt(name) + "' is already used by "
                        + p.id());
            }
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
            throw new X2GoProfileException("Not a profile name: '" + SafeText.excerpt(String.valueOf(name)) + "'");
        }
    }

    private SessionProfile checked(String id, String name, Map<String, String> values) {
        checkName(name);
        Map<String, String> v = new LinkedHashMap<>(values);
        v.put("name", name);
        for (Map.Entry<String, String> e : v.entrySet()) {
            try {
                ProfileSchema.validate(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new X2GoProfileException("Profile '" + SafeText.excerpt(name) + "': bad value for "
                        + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
        return new SessionProfile(id, name, v);
    }
}
