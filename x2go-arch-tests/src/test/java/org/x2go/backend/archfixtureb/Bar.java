package org.x2go.backend.archfixtureb;

/** A class of fixture backend b. */
public class Bar {
}
