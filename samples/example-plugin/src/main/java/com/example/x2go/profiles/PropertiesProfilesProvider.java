package com.example.x2go.profiles;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

import org.x2go.api.X2GoBackendException;
import org.x2go.spi.BackendConfig;
import org.x2go.spi.SessionProfiles;
import org.x2go.spi.SessionProfilesProvider;

/**
 * The {@code PROPERTIES} profiles backend ({@code x2go.backend.profiles=PROPERTIES}): session profiles in a
 * Java properties file in the client's configuration directory, one {@code <id>.<key>=<value>} line per
 * value and an {@code order} line listing the IDs.
 *
 * <p>Configuration (namespace {@value #NAMESPACE}; an unknown key of the namespace is refused):
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #FILE_KEY}</td><td>{@value #DEFAULT_FILE}</td><td>the file name, inside the client
 *       configuration directory (one plain file name, no directories)</td></tr>
 * </table>
 * Thread-safe and stateless; {@link #open} reads the file.
 */
public final class PropertiesProfilesProvider
        implements SessionProfilesProvider, BackendConfig.Configurable<SessionProfilesProvider> {

    /** The name configuration selects this backend by. */
    public static final String NAME = "PROPERTIES";
    /** Namespace of this provider's keys. */
    public static final String NAMESPACE = "x2go.profiles.properties.";
    /** Key of the file name. */
    public static final String FILE_KEY = NAMESPACE + "file";
    /** The file name by default. */
    public static final String DEFAULT_FILE = "profiles.properties";
    private static final Set<String> KEYS = Set.of(FILE_KEY);

    private final String fileName;

    /** The provider {@link java.util.ServiceLoader} creates: must not fail, reads nothing. */
    public PropertiesProfilesProvider() {
        this(DEFAULT_FILE);
    }

    /**
     * @param fileName the file name inside the client configuration directory
     * @throws IllegalArgumentException when it is not one plain file name
     */
    public PropertiesProfilesProvider(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        if (fileName.isBlank() || fileName.equals(".") || fileName.equals("..") || fileName.contains("/")
                || fileName.contains("\\") || fileName.length() > 255 || !fileName.strip().equals(fileName)) {
            throw new IllegalArgumentException("not a plain file name: '" + fileName + "'");
        }
        this.fileName = fileName;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return the file name inside the client configuration directory */
    public String fileName() {
        return fileName;
    }

    /**
     * @throws X2GoBackendException naming the key for an unknown key of the namespace or a bad file name
     */
    @Override
    public SessionProfilesProvider configure(BackendConfig config) {
        for (String key : config.entries().keySet()) {
            if (!KEYS.contains(key)) {
                throw new X2GoBackendException("Unknown option " + key + " of the " + NAME
                        + " profiles backend; known: " + KEYS);
            }
        }
        String name = config.get("file").orElse(DEFAULT_FILE);
        try {
            return new PropertiesProfilesProvider(name);
        } catch (IllegalArgumentException e) {
            throw new X2GoBackendException(FILE_KEY + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SessionProfiles open(Path clientRootDir) {
        return PropertiesProfiles.load(clientRootDir.resolve(fileName));
    }
}
