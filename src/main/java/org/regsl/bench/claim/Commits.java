package org.regsl.bench.claim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.regsl.bench.config.Settings;

/**
 * Whether a recorded commit is one git knows. Answers true when it cannot tell: no git, no
 * repository, or a shallow clone (a CI checkout of depth 1 lacks the history the records cite).
 * A {@code -dirty} suffix (records over uncommitted changes, allowed explicitly) is checked by its
 * commit.
 */
final class Commits {

    private static final Map<String, Boolean> KNOWN = new ConcurrentHashMap<>();
    private static volatile Boolean canTell;

    private Commits() {}

    static boolean known(String commit) {
        String hash = commit.replaceFirst("-dirty$", "");
        if (!hash.matches("[0-9a-f]{7,40}")) {
            return false;
        }
        if (!canTell()) {
            return true;
        }
        return KNOWN.computeIfAbsent(hash, h -> "commit".equals(git("cat-file", "-t", h)));
    }

    private static boolean canTell() {
        if (canTell == null) {
            canTell = "false".equals(git("rev-parse", "--is-shallow-repository"));
        }
        return canTell;
    }

    private static String git(String... args) {
        try {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "git";
            System.arraycopy(args, 0, cmd, 1, args.length);
            Process p = new ProcessBuilder(cmd).directory(Settings.projectDir().toFile()).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }
}
