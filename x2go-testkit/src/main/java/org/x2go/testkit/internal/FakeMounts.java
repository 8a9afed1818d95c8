package org.x2go.testkit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * The fake's {@code x2gomountdirs}, {@code x2golistmounts} and {@code x2goumount-session}.
 *
 * <p>Modelled: the key file (private key, marker, host key line), the answer lines the real script prints, the
 * reverse port, the mount path names, and the "mount": instead of sshfs the fake logs into the client's SFTP
 * server through the reverse tunnel with the bundle's key, checks the host key against the bundle and checks
 * that the folder is a directory there. Not modelled: files in the mount (nothing is mounted), iconv,
 * {@code security.umask}, desktop icons, removable media types.
 */
final class FakeMounts {
    private static final String MARKER = "----BEGIN RSA IDENTITY----";
    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(10);

    private final String user;
    private final FakeFiles files;
    private final Predicate<String> installed;
    /** session name → mount rows {@code host|path}. */
    private final Map<String, List<String>> mounts = new ConcurrentHashMap<>();

    FakeMounts(String user, FakeFiles files, Predicate<String> installed) {
        this.user = user;
        this.files = files;
        this.installed = installed;
    }

    int mountDirs(FakeShell.Call c) {
        if (!installed.test("sshfs")) {
            c.out().write("the sshfs command is not installed on this X2Go Server, cannot share client-side folders\n");
            return 0;
        }
        List<String> a = c.args();
        if (a.size() < 5) {
            c.err().write("x2gomountdirs: not enough arguments\n");
            return 1;
        }
        String session = a.get(1);
        String login = a.get(2);
        String keyFile = a.get(3);
        String dirList = String.join(" ", a.subList(4, a.size()));
        c.out().write("dirs:" + dirList + "\n");
        int port = 22;
        int rev = dirList.indexOf("__REVERSESSH_PORT__");
        if (rev >= 0) {
            port = Integer.parseInt(dirList.substring(rev + "__REVERSESSH_PORT__".length()).strip());
            dirList = dirList.substring(0, rev);
        }
        c.out().write("ssh port:" + port + "\nHost:127.0.0.1\nUser:" + login + "\n");
        String bundle;
        try {
            bundle = Files.readString(files.resolve(keyFile, c.env().getOrDefault("HOME", "/")), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            bundle = "";
        }
        for (String dir : dirList.split(":")) {
            String mountPath;
            String folder = dir;
            if (dir.contains("__PRINT_SPOOL_")) {
                folder = dir.replace("__PRINT_SPOOL_", "");
                mountPath = "/tmp/.x2go-" + user + "/spool/C-" + session;
            } else if (dir.contains("__MIMEBOX_SPOOL_")) {
                folder = dir.replace("__MIMEBOX_SPOOL_", "");
                mountPath = "/tmp/.x2go-" + user + "/mimebox/C-" + session;
            } else {
                mountPath = "/tmp/.x2go-" + user + "/media/disk/" + folder.replace('/', '_').replace(' ', '_');
            }
            c.out().write("inserted, timeout 30 sshfs \"" + login + "\"@127.0.0.1:\"" + folder + "\" \"" + mountPath
                    + "\" -p " + port + "\n");
            String failure = login(bundle, login, port, folder);
            if (failure == null) {
                mounts.computeIfAbsent(session, k -> new CopyOnWriteArrayList<>()).add("127.0.0.1|" + mountPath);
                c.out().write("mount " + folder + " ok\n");
            } else {
                c.err().write("mounting of " + folder + " failed\n");
                c.out().write("sshfs: " + failure + "\n");
            }
        }
        return 0;
    }

    /** What sshfs would have done up to the mount: log in with the bundle's key and find the folder. */
    private static String login(String bundle, String login, int port, String folder) {
        int m = bundle.indexOf(MARKER);
        if (m < 0) {
            return "no key bundle";
        }
        KeyPair key;
        String hostLine = bundle.substring(m + MARKER.length()).strip();
        try {
            byte[] der = Base64.getMimeDecoder().decode(bundle.substring(0, m).replaceAll("-----[A-Z ]+-----", "").strip());
            PrivateKey priv = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) priv;
            PublicKey pub = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            key = new KeyPair(pub, priv);
        } catch (Exception e) {
            return "unusable key: " + e.getMessage();
        }
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((s, address, serverKey) -> hostLine.equals(PublicKeyEntry.toString(serverKey)));
        client.start();
        try (ClientSession s = client.connect(login, "127.0.0.1", port).verify(LOGIN_TIMEOUT).getSession()) {
            s.addPublicKeyIdentity(key);
            s.auth().verify(LOGIN_TIMEOUT);
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
                return sftp.stat(folder).isDirectory() ? null : folder + " is not a directory";
            }
        } catch (IOException e) {
            return "read: " + e.getMessage();
        } finally {
            try {
                client.stop();
            } catch (RuntimeException ignored) {
                // nothing to release beyond the stopped client
            }
        }
    }

    int listMounts(FakeShell.Call c) {
        if (c.args().isEmpty()) {
            c.err().write("no valid session name that we can use at /usr/bin/x2golistmounts line 31.\n");
            return 255;
        }
        StringBuilder b = new StringBuilder();
        mounts.getOrDefault(c.args().get(0), List.of()).forEach(r -> b.append(r).append('\n'));
        c.out().write(b.length() == 0 ? "\n" : b.toString());
        return 0;
    }

    int umount(FakeShell.Call c) {
        if (c.args().isEmpty()) {
            return 255;
        }
        String session = c.args().get(0);
        if (c.args().size() == 1) {
            mounts.remove(session);
        } else {
            String suffix = c.args().get(1).replace('/', '_').replace(' ', '_');
            List<String> rows = mounts.getOrDefault(session, new ArrayList<>());
            rows.removeIf(r -> r.endsWith("/" + suffix));
        }
        return 0;
    }

    /** The server unmounts a session's folders when it is suspended or terminated. */
    void dropSession(String session) {
        mounts.remove(session);
    }

    /** @return the mount rows of a session */
    List<String> rows(String session) {
        return List.copyOf(mounts.getOrDefault(session, List.of()));
    }
}
