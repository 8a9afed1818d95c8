package org.x2go.testkit.internal;

import java.util.ArrayList;
import java.util.List;

import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.spi.SessionListParser;

/**
 * A minimal {@code x2golistsessions} parser (spec R-INF-1..3, malformed lines skipped) used by the
 * compatibility kits when no parser provider is on the class path.
 */
public final class SimpleSessionListParser implements SessionListParser {

    @Override
    public String name() {
        return "TESTKIT";
    }

    @Override
    public SessionList parse(String output) {
        List<SessionInfo> sessions = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (output == null) {
            return SessionList.EMPTY;
        }
        for (String line : output.split("\n")) {
            if (line.strip().isEmpty()) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            try {
                if (f.length < 14) {
                    throw new NumberFormatException("only " + f.length + " fields");
                }
                sessions.add(new SessionInfo(num(f[0]), f[1], num(f[2]), f[3], ServerSessionStatus.fromLetter(f[4]),
                        f[5], f[6], f[7], num(f[8]), num(f[9]), f[10], f[11], lenient(f[12]), num(f[13]),
                        f.length > 14 ? (int) lenient(f[14]) : -1, f.length > 15 ? (int) lenient(f[15]) : -1));
            } catch (RuntimeException e) {
                skipped.add(line);
            }
        }
        return new SessionList(sessions, skipped);
    }

    private static int num(String s) {
        return Integer.parseInt(s.strip());
    }

    private static long lenient(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
