package org.x2go.ini;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Another process for {@link FileIniStoreTest}: locks the file in args[0], says "locked", holds it until stdin closes. */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    /**
     * @param args the lock file
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the test closes our stdin
            }
        }
    }
}
