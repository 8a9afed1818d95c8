package org.x2go.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks the user for what an SSH login needs interactively: keyboard-interactive prompts (one-time passwords,
 * PAM's password prompt) and passphrases of encrypted private keys. A gateway can relay the prompts to its
 * own user. Called on the connecting thread, once per challenge; the texts come from the server and are
 * untrusted (escape them with {@link SafeText} before showing them).
 */
public interface AuthPrompter {

    /** Which hop of a connection asks. */
    enum Stage {
        /** the {@link JumpHost} */
        JUMP_HOST,
        /** the X2Go server */
        TARGET;

        /** @return "jump host" or "target" */
        public String label() {
            return this == JUMP_HOST ? "jump host" : "target";
        }
    }

    /**
     * One keyboard-interactive prompt.
     *
     * @param text the prompt text as the server sent it
     * @param echo whether the answer may be shown while typed (false for passwords and OTPs)
     */
    record Prompt(String text, boolean echo) {
        /** @param text prompt text, required */
        public Prompt {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Answers one keyboard-interactive challenge.
     *
     * @param stage       which hop asks
     * @param user        the user being authenticated there
     * @param name        the challenge's name (often empty)
     * @param instruction the challenge's instruction (often empty)
     * @param prompts     the prompts, possibly none
     * @return one answer per prompt, in order, or empty to give up (the login then fails)
     */
    Optional<List<String>> keyboardInteractive(Stage stage, String user, String name, String instruction,
                                               List<Prompt> prompts);

    /**
     * The passphrase of an encrypted private key. The transport wipes the returned array after use.
     *
     * @param stage which hop the key is for
     * @param key   the key file
     * @return the passphrase, or empty to skip the key
     */
    default Optional<char[]> passphrase(Stage stage, Path key) {
        return Optional.empty();
    }

    /**
     * A prompter that answers every keyboard-interactive challenge of exactly {@code answers.size()} prompts
     * with the fixed answers, in order, and gives up on any other challenge (for non-interactive use).
     *
     * @param answers the answers
     * @return the prompter
     */
    static AuthPrompter answering(List<String> answers) {
        List<String> copy = List.copyOf(answers);
        return (stage, user, name, instruction, prompts) -> prompts.size() == copy.size()
                ? Optional.of(copy) : Optional.empty();
    }
}
