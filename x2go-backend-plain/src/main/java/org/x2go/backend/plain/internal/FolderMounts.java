package org.x2go.backend.plain.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.AgentInfo;
import org.x2go.api.SafeText;
import org.x2go.api.X2GoException;
import org.x2go.api.X2GoFolderSharingException;
import org.x2go.api.X2GoFolderSharingException.Reason;
import org.x2go.backend.plain.X2GoCommands;
import org.x2go.spi.CommandResult;
import org.x2go.spi.ControlSession;
import org.x2go.spi.FolderMount;
import org.x2go.spi.SftpSession;

/**
 * Folder sharing of one PLAIN terminal session: the key file, {@code x2gomountdirs} and its answer,
 * {@code x2goumount-session}.
 */
final class FolderMounts {
    private static final Logger LOG = LoggerFactory.getLogger(FolderMounts.class);

    private final ControlSession control;
    private final AgentInfo agent;

    FolderMounts(ControlSession control, AgentInfo agent) {
        this.control = control;
        this.agent = agent;
    }

    /** The key file x2gomountdirs reads: {@code <home>/.x2go/ssh/key.z<agent pid>}. */
    String keyFile() {
        return control.remoteHome() + "/.x2go/ssh/key.z" + agent.agentPid();
    }

    /** Serialised per session, as two mounts at once would share one key file name. */
    synchronized void mount(FolderMount mount) {
        String keyFile = keyFile();
        // one round trip: fusermount there, and the key file made 0600 before the key goes in (an SFTP write keeps
        // the mode of the file it truncates)
        CommandResult prepared = control.run(X2GoCommands.prepareMountKey(keyFile));
        if (prepared.stdout().isBlank()) {
            throw new X2GoFolderSharingException(Reason.NOT_AVAILABLE, "the server does not let "
                    + SafeText.excerpt(control.shell().username()) + " mount client folders (no fusermount)");
        }
        if (!prepared.stdout().lines().map(String::strip).toList().contains(X2GoCommands.MOUNT_KEY_READY)) {
            removeKey(keyFile);
            throw new X2GoFolderSharingException(Reason.MOUNT_FAILED, "cannot make the private key file "
                    + SafeText.excerpt(keyFile) + " on the server: " + SafeText.excerpt(prepared.stderr().strip(), 400));
        }
        try {
            try (SftpSession sftp = control.shell().openSftp()) {
                sftp.write(keyFile, mount.keyBundle().getBytes(StandardCharsets.US_ASCII));
            }
        } catch (X2GoException e) {
            removeKey(keyFile);
            throw new X2GoFolderSharingException(Reason.MOUNT_FAILED, "cannot hand the folder-sharing key to the server for "
                    + SafeText.excerpt(mount.folder()) + ": " + e.getMessage(), e);
        }
        CommandResult r;
        try {
            r = control.run(X2GoCommands.mountDirs(type(mount.kind()), agent.sessionName(), mount.login(), keyFile,
                    mount.folder(), agent.sshfsPort(), Optional.empty()));
        } catch (X2GoException e) {
            removeKey(keyFile);
            throw e;
        }
        List<String> lines = r.stdout().lines().toList();
        if (lines.stream().anyMatch(l -> l.contains("sshfs command is not installed"))) {
            throw new X2GoFolderSharingException(Reason.NOT_AVAILABLE, "sshfs is not installed on the server");
        }
        if (!mounted(lines)) {
            throw new X2GoFolderSharingException(Reason.MOUNT_FAILED, "the server did not mount "
                    + SafeText.excerpt(mount.folder()) + ": " + SafeText.excerpt((r.stdout() + " " + r.stderr()).strip(), 400));
        }
        LOG.debug("session {}: mounted {} ({})", SafeText.excerpt(agent.sessionName()), SafeText.excerpt(mount.folder()),
                mount.kind());
    }

    /** x2gomountdirs' answer: success when its sixth line (the first mount result) ends with {@code ok}. */
    static boolean mounted(List<String> stdoutLines) {
        return stdoutLines.size() >= 6 && stdoutLines.get(5).stripTrailing().endsWith("ok");
    }

    synchronized void unmount(Optional<String> folder) {
        CommandResult r = control.run(X2GoCommands.umountSession(agent.sessionName(), folder));
        if (!r.stderr().isBlank()) {
            throw new X2GoFolderSharingException(Reason.UNMOUNT_FAILED, "the server could not unmount "
                    + folder.map(SafeText::excerpt).orElse("the shared folders") + ": "
                    + SafeText.excerpt(r.stderr().strip(), 400));
        }
    }

    private void removeKey(String keyFile) {
        try {
            control.run(X2GoCommands.command("rm", "-f", keyFile, keyFile + ".ident"));
        } catch (X2GoException e) {
            LOG.warn("could not remove the folder-sharing key file on the server: {}", e.getMessage());
        }
    }

    private static X2GoCommands.FolderType type(FolderMount.Kind kind) {
        return switch (kind) {
            case DISK -> X2GoCommands.FolderType.DISK;
            case SPOOL -> X2GoCommands.FolderType.SPOOL;
            case MIMEBOX -> X2GoCommands.FolderType.MIMEBOX;
        };
    }
}
