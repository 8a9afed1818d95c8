/** Implementation details of folder sharing; not API. */
package org.x2go.folders.internal;
