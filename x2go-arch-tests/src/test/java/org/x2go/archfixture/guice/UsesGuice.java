package org.x2go.archfixture.guice;

import com.google.inject.Injector;

/** Deliberately bad: Guice outside the client and CLI. */
public class UsesGuice {
    Injector injector;
}
