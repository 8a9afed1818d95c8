package org.x2go.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.spi.ClientSettings;
import org.x2go.spi.SettingsProvider;

/**
 * Compatibility kit for {@link SettingsProvider}: selection, defaults and round trips through the provider,
 * whatever it stores in. The file format itself is {@link ClientSettingsCompatibilityKit}'s business (run
 * that one too when your store is x2goclient's {@code settings} file). A subclass provides the provider; an
 * in-memory store also overrides {@link #persists()}:
 *
 * <pre>{@code
 * class FileSettingsKitTest extends SettingsProviderCompatibilityKit {
 *     @Override protected SettingsProvider provider() { return new FileSettingsProvider(); }
 * }
 * }</pre>
 */
public abstract class SettingsProviderCompatibilityKit {

    /** A fresh client configuration directory ({@code ~/.x2goclient}) per test. */
    @TempDir
    protected Path clientRoot;

    /** @return the provider under test */
    protected abstract SettingsProvider provider();

    /** @return whether saved settings are read back by the next {@code open} of the same directory */
    protected boolean persists() {
        return true;
    }

    /** The name configuration selects the provider by. */
    @Test
    void nameIsSelectable() {
        ProviderNames.assertSelectable(provider());
    }

    /** A fresh directory gives x2goclient's defaults, typed (R-SET-1). */
    @Test
    void freshDirectoryGivesTypedDefaults() {
        ClientSettings s = provider().open(clientRoot);
        assertTrue(s.sections().containsAll(List.of("LDAP", "General", "Authorization", "trayicon")),
                "sections: " + s.sections());
        assertEquals(22, s.getInt("General", "clientport"));
        assertTrue(s.getBoolean("General", "autoresume"));
        assertEquals(389, s.getInt("LDAP", "port"));
    }

    /** Values set are read back with their types, before and after saving. */
    @Test
    void setValuesAreReadBackTyped() {
        ClientSettings s = provider().open(clientRoot);
        s.set("General", "clientport", 2222);
        s.set("General", "autoresume", false);
        assertEquals(2222, s.getInt("General", "clientport"));
        assertEquals(false, s.getBoolean("General", "autoresume"));
        s.save();
        assertEquals(2222, s.getInt("General", "clientport"));
    }

    /** Saved values survive a fresh {@code open}; unsaved ones do not leak into it. */
    @Test
    void savedValuesSurviveReopeningAndUnsavedOnesDoNot() {
        Assumptions.assumeTrue(persists(), "this store does not outlive its open()");
        ClientSettings s = provider().open(clientRoot);
        s.set("General", "clientport", 2200);
        s.save();
        s.set("General", "clientport", 2300);
        ClientSettings again = provider().open(clientRoot);
        assertEquals(2200, again.getInt("General", "clientport"));
    }
}
