/** Implementation of the fake server: shell-word parser, command interpreter, session store. Not API. */
package org.x2go.testkit.internal;
