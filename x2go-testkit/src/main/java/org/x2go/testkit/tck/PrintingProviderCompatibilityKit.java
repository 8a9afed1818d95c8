package org.x2go.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.PrintAction;
import org.x2go.spi.PrintingConfig;
import org.x2go.spi.PrintingProvider;

/**
 * Compatibility kit for {@link PrintingProvider} and the {@link PrintingConfig} it opens. A subclass
 * provides the provider; a store that does not outlive its {@code open} (an in-memory one) also
 * overrides {@link #persists()}:
 *
 * <pre>{@code
 * class FilePrintingKitTest extends PrintingProviderCompatibilityKit {
 *     @Override protected PrintingProvider provider() { return new FilePrintingProvider(); }
 * }
 * }</pre>
 *
 * Each test gets a fresh, empty client configuration directory ({@link #clientRoot}).
 */
public abstract class PrintingProviderCompatibilityKit {

    /** A fresh client configuration directory ({@code ~/.x2goclient}) per test. */
    @TempDir
    protected Path clientRoot;

    /** @return the provider under test */
    protected abstract PrintingProvider provider();

    /** @return whether a saved configuration is read back by the next {@code open} of the same directory */
    protected boolean persists() {
        return true;
    }

    /** @return actions the kit sets and reads back; override to leave out what your store cannot hold */
    protected List<PrintAction> actions() {
        return List.of(new PrintAction.PdfView("xdg-open"), new PrintAction.PdfSave(clientRoot.resolve("pdf")),
                new PrintAction.Print("office-laser"), new PrintAction.Print(""),
                new PrintAction.PrintCmd("lpr -P office"), new PrintAction.Dialog());
    }

    /** The name configuration selects the provider by. */
    @Test
    void nameIsSelectable() {
        ProviderNames.assertSelectable(provider());
    }

    /** A fresh directory gives a configuration with defaults applied, not an error. */
    @Test
    void freshDirectoryHasADefaultAction() {
        PrintingConfig c = provider().open(clientRoot);
        assertNotNull(c.action(), "action() of a fresh configuration");
        assertNotNull(c.action(true), "action(true)");
    }

    /** R-PRN-2: without a dialog the action is never DIALOG. */
    @Test
    void withoutADialogTheActionIsNeverDialog() {
        PrintingConfig c = provider().open(clientRoot);
        for (PrintAction a : actions()) {
            c.setAction(a);
            PrintAction headless = c.action(false);
            assertNotNull(headless, "action(false) after setting " + a);
            assertFalse(headless instanceof PrintAction.Dialog, "action(false) gave DIALOG after setting " + a);
        }
    }

    /** What is set is what is read, for every kind of action. */
    @Test
    void setActionIsReadBack() {
        PrintingConfig c = provider().open(clientRoot);
        for (PrintAction a : actions()) {
            c.setAction(a);
            assertEquals(a, c.action(), "after setAction(" + a + ")");
        }
    }

    /** A saved action survives a fresh {@code open} of the same directory. */
    @Test
    void savedActionSurvivesReopening() {
        Assumptions.assumeTrue(persists(), "this store does not outlive its open()");
        for (PrintAction a : actions()) {
            PrintingConfig c = provider().open(clientRoot);
            c.setAction(a);
            c.save();
            assertEquals(a, provider().open(clientRoot).action(), "reopened after saving " + a);
        }
    }

    /** Saving twice without changes is harmless. */
    @Test
    void saveIsRepeatable() {
        PrintingConfig c = provider().open(clientRoot);
        c.save();
        c.save();
        assertNotNull(provider().open(clientRoot).action());
    }
}
