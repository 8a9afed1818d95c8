package org.x2go.settings.file;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Child-process writer for {@link FileIniStoreTest}: adds {@code count} profiles named {@code <prefix><i>} to
 * a sessions file, saving after each one.
 */
public final class TwoWriterMain {
    private TwoWriterMain() {
    }

    /**
     * @param args sessions file, name prefix, count
     */
    public static void main(String[] args) {
        IniSessionProfiles p = FileProfilesProvider.open(Path.of(args[0]), Clock.systemUTC(), "tester");
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            p.create(args[1] + i, Map.of("host", "h" + i, "comment", "x".repeat(2000)));
            p.save();
        }
    }
}
