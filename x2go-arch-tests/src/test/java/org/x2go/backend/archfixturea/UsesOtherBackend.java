package org.x2go.backend.archfixturea;

import org.x2go.backend.archfixtureb.Bar;

/** Deliberately bad: backend a depends on backend b. */
public class UsesOtherBackend {
    Bar bar;
}
