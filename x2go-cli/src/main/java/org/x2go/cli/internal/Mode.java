package org.x2go.cli.internal;

/** What one {@code x2go} invocation does; exactly one per run (pyhoca-cli's mutually exclusive modes). */
public sealed interface Mode {
    /** @return whether the mode attaches to a session and so may need the graphics proxy */
    default boolean attaches() {
        return false;
    }

    /** @return whether the mode needs a server connection */
    default boolean needsServer() {
        return true;
    }

    /** {@code -L}. */
    record ListSessions() implements Mode {
    }

    /** {@code --list-desktops}. */
    record ListDesktops() implements Mode {
    }

    /** {@code --list-profiles}: local only. */
    record ListProfiles() implements Mode {
        @Override
        public boolean needsServer() {
            return false;
        }
    }

    /**
     * {@code -N}, the default.
     *
     * @param tryResume {@code --try-resume}: resume a session running the same command when there is one
     */
    record NewSession(boolean tryResume) implements Mode {
        @Override
        public boolean attaches() {
            return true;
        }
    }

    /**
     * {@code -R NAME}.
     *
     * @param sessionName a session name, {@code NEWEST} or {@code OLDEST}
     */
    record Resume(String sessionName) implements Mode {
        @Override
        public boolean attaches() {
            return true;
        }
    }

    /**
     * {@code -S NAME}.
     *
     * @param sessionName a session name or {@code ALL}
     */
    record Suspend(String sessionName) implements Mode {
    }

    /**
     * {@code -T NAME}.
     *
     * @param sessionName a session name or {@code ALL}
     */
    record Terminate(String sessionName) implements Mode {
    }

    /**
     * {@code -D USER@DISPLAY}: accepted, not supported yet.
     *
     * @param desktop the desktop to share
     */
    record ShareDesktop(String desktop) implements Mode {
    }
}
