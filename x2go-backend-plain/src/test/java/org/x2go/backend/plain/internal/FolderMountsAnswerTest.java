package org.x2go.backend.plain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.x2go.backend.plain.X2GoCommands;

class FolderMountsAnswerTest {

    @Test
    void theSixthLineEndingInOkIsAMount() {
        // x2gomountdirs' answer on the real server (4.1.0.3), one folder
        List<String> ok = List.of("dirs:/tmp/share__REVERSESSH_PORT__30003", "ssh port:30003", "Host:127.0.0.1",
                "User:u", "inserted, timeout 30 sshfs ...", "mount /tmp/share ok");
        assertTrue(FolderMounts.mounted(ok));
    }

    @Test
    void aShortAnswerOrAFailedMountIsNot() {
        assertFalse(FolderMounts.mounted(List.of("dirs:x", "ssh port:1", "Host:h", "User:u", "inserted, ...")));
        assertFalse(FolderMounts.mounted(List.of("dirs:x", "ssh port:1", "Host:h", "User:u", "inserted, ...",
                "mounting of /tmp/share failed")));
        assertFalse(FolderMounts.mounted(List.of()));
    }

    @Test
    void theKeyFileIsMadePrivateBeforeTheKeyIsWritten() {
        assertEquals("which fusermount && umask 077 && : > /home/u/.x2go/ssh/key.z42 && echo x2go-mount-key-ready",
                X2GoCommands.prepareMountKey("/home/u/.x2go/ssh/key.z42"));
        assertEquals("which fusermount && umask 077 && : > '/home/a b/k' && echo x2go-mount-key-ready",
                X2GoCommands.prepareMountKey("/home/a b/k"));
    }
}
