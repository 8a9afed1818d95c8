package org.x2go.spi;

import org.x2go.api.SessionList;

/** Parses the output of {@code x2golistsessions} (spec R-INF-3). Selected by {@code x2go.backend.list}. */
public interface SessionListParser extends NamedProvider {
    /**
     * @param output the command's (already de-framed) output; may be empty
     * @return valid sessions plus the skipped malformed lines; never throws on bad lines
     */
    SessionList parse(String output);
}
