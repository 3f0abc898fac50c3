package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.cluster.Check;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Secrets of the git credential workspaces hold what the git steps read: {@code
 * .git-credentials} in {@code basic-auth}; a private key and {@code known_hosts} in {@code
 * ssh-directory} (the steps check host keys always, so a Secret without it fails every fetch).
 */
final class GitSecretChecks {

  static final String BASIC_AUTH = "basic-auth";
  static final String SSH_DIRECTORY = "ssh-directory";

  private GitSecretChecks() {}

  /** Whether {@code workspace} is one of the git credential workspaces. */
  static boolean covers(String workspace) {
    return workspace.equals(BASIC_AUTH) || workspace.equals(SSH_DIRECTORY);
  }

  /** The check of Secret {@code name} bound to {@code workspace}, null when it does not exist. */
  static Check check(String namespace, String workspace, String name, Secret secret) {
    boolean basicAuth = workspace.equals(BASIC_AUTH);
    String what = "Secret " + name + " (workspace " + workspace + ")";
    String fix =
        "fix: oc -n "
            + namespace
            + " create secret generic "
            + name
            + (basicAuth
                ? " --from-file=.gitconfig --from-file=.git-credentials"
                : " --from-file=id_ed25519 --from-file=known_hosts (ssh-keyscan HOST > known_hosts)");
    if (secret == null) {
      return Check.problem(
          "secret",
          what
              + " does not exist in namespace "
              + namespace
              + ", and the run would hang in FailedMount until it times out; "
              + fix);
    }
    Map<String, String> files = files(secret);
    Set<String> keys = new TreeSet<>(files.keySet());
    if (basicAuth) {
      if (keys.contains(".git-credentials")) {
        return Check.ok("secret", what + " holds git credentials (.git-credentials)");
      }
      return Check.problem(
          "secret",
          what
              + " has keys "
              + TektonChecks.shortened(String.join(", ", keys))
              + " but no .git-credentials, so git fetches without credentials; "
              + fix);
    }
    boolean key =
        files.values().stream()
            .anyMatch(text -> text.contains("-----BEGIN") && text.contains("PRIVATE KEY-----"));
    if (!key || !keys.contains("known_hosts")) {
      return Check.problem(
          "secret",
          what
              + " has keys "
              + TektonChecks.shortened(String.join(", ", keys))
              + " but "
              + (key ? "" : "no private key" + (keys.contains("known_hosts") ? "" : " and "))
              + (keys.contains("known_hosts")
                  ? ""
                  : "no known_hosts (host keys are always checked)")
              + ", so git over ssh fails; "
              + fix);
    }
    return Check.ok("secret", what + " holds an ssh private key and known_hosts");
  }

  /** The Secret's files as text: data decoded, stringData as it is. */
  private static Map<String, String> files(Secret secret) {
    Map<String, String> files = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (key, value) -> {
                String text;
                try {
                  text = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                  text = "";
                }
                files.put(key, text);
              });
    }
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((key, value) -> files.put(key, value == null ? "" : value));
    }
    return files;
  }
}
