package org.x2go.archfixture.internaluser;

import org.x2go.archfixture.lib.internal.Secret;

/** Deliberately bad: reaches into another module's .internal package. */
public class Peeker {
    Secret secret = new Secret();
}
