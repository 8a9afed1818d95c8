package org.x2go.registry.archfixture;

import org.x2go.backend.archfixtureb.Bar;

/** Deliberately bad: the registry depending on a backend instead of the API. */
public class UsesBackend {
    Bar bar;
}
