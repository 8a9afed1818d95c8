package org.x2go.backend.plain;

import org.x2go.spi.SessionInfoParser;
import org.x2go.spi.SessionListParser;
import org.x2go.testkit.tck.SessionListParserCompatibilityKit;

/** PLAIN's list and single-session parsers against the testkit's compatibility kit. */
class PlainParsersKitTest extends SessionListParserCompatibilityKit {
    @Override
    protected SessionListParser listParser() {
        return new PlainSessionListParser();
    }

    @Override
    protected SessionInfoParser infoParser() {
        return new PlainSessionInfoParser();
    }
}
