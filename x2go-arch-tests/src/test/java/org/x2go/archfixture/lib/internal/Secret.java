package org.x2go.archfixture.lib.internal;

/** An implementation detail of the fixture module "lib". */
public class Secret {
}
