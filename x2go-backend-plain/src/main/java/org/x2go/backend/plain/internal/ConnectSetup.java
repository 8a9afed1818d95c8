package org.x2go.backend.plain.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.x2go.backend.plain.X2GoCommands;

/**
 * The answer of {@link X2GoCommands#connectSetup()}, understood only when it has exactly the expected shape:
 * the five section lines once each and in order, one home line without blanks, an integer status.
 * Anything else (an old or unusual server) is "not understood" and the caller falls back to the separate
 * commands. Pure.
 *
 * @param home       the remote home directory (may be empty: the server has none)
 * @param homeExists whether {@code stat -tL} succeeded on it
 * @param statOutput what {@code stat} printed (stdout and stderr), for the message when the home is missing
 * @param features   the {@code x2gofeaturelist} body
 */
public record ConnectSetup(String home, boolean homeExists, String statOutput, String features) {
    private static final String M = X2GoCommands.SETUP_MARKER;

    /**
     * @param body the de-framed answer
     * @return the set-up, or empty when the answer does not have the expected shape
     */
    public static Optional<ConnectSetup> parse(String body) {
        List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        int home = lines.indexOf(M + "HOME");
        int stat = lines.indexOf(M + "STAT");
        int features = lines.indexOf(M + "FEATURES");
        int end = lines.size() - 1;
        if (home != 0 || stat != 2 || features < stat + 2 || end <= features || !lines.get(end).equals(M + "END")) {
            return Optional.empty();
        }
        String statusLine = lines.get(features - 1);
        if (!statusLine.startsWith(M + "STATUS ")) {
            return Optional.empty();
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring((M + "STATUS ").length()).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        List<String> statLines = lines.subList(stat + 1, features - 1);
        List<String> featureLines = lines.subList(features + 1, end);
        if (statLines.stream().anyMatch(l -> l.startsWith(M)) || featureLines.stream().anyMatch(l -> l.startsWith(M))) {
            return Optional.empty();
        }
        String h = lines.get(1).strip();
        if (h.chars().anyMatch(Character::isWhitespace)) {
            // the separate commands decide what such a home means, as they always did
            return Optional.empty();
        }
        return Optional.of(new ConnectSetup(h, status == 0, String.join("\n", statLines).strip(),
                String.join("\n", featureLines)));
    }
}
