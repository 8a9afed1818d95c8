package org.x2go.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.x2go.spi.NamedProvider;

/** The selection rules every provider's {@link NamedProvider#name()} must meet. */
final class ProviderNames {

    private ProviderNames() {
    }

    /**
     * A name configuration can select: not blank, one word of letters, digits, {@code _} or {@code -}, not
     * the reserved {@code default}, and the same on every call.
     */
    static void assertSelectable(NamedProvider provider) {
        String name = provider.name();
        assertNotNull(name, "name()");
        assertTrue(name.matches("[A-Za-z0-9_-]{1,64}"), "name() must be one word of [A-Za-z0-9_-]: '" + name + "'");
        assertFalse(name.equalsIgnoreCase("default"), "'default' is reserved for the built-in choice");
        assertTrue(name.equals(provider.name()), "name() must not change between calls");
    }
}
