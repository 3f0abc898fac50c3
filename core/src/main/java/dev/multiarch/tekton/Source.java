package dev.multiarch.tekton;

import dev.multiarch.tekton.internal.spec.Checks;
import dev.multiarch.tekton.internal.spec.SourceChecks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the image's source comes from: a git repository cloned by each build, or (with an empty
 * {@code gitUrl}) the content of the {@code source} workspace.
 *
 * <p>The constructor throws {@link InvalidValueException} if a value is not allowed; the field is
 * its spec-file path, such as {@code spec.source.git.url}.
 *
 * @param gitUrl the repository to clone, or empty to build what the source workspace holds
 * @param gitRevision a branch, tag or commit; empty for the remote's default branch
 * @param context the build context, relative to the source root
 * @param containerfile the Containerfile, relative to the context
 * @param buildArgs {@code --build-arg} values, in the order given
 * @param credentialsSecret a Secret with {@code .gitconfig} and {@code .git-credentials} bound to
 *     the {@code basic-auth} workspace, or empty for none
 * @param sshSecret a Secret with an ssh private key and {@code known_hosts} bound to the {@code
 *     ssh-directory} workspace, or empty for none
 */
public record Source(
    String gitUrl,
    String gitRevision,
    String context,
    String containerfile,
    Map<String, String> buildArgs,
    String credentialsSecret,
    String sshSecret) {

  public static final String DEFAULT_CONTEXT = ".";
  public static final String DEFAULT_CONTAINERFILE = "Containerfile";

  public Source {
    gitUrl = gitUrl == null ? "" : gitUrl;
    gitRevision = gitRevision == null ? "" : gitRevision;
    context = context == null || context.isEmpty() ? DEFAULT_CONTEXT : context;
    containerfile =
        containerfile == null || containerfile.isEmpty() ? DEFAULT_CONTAINERFILE : containerfile;
    buildArgs =
        buildArgs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
    // First: the URL's own check would show the secret.
    SourceChecks.noCredentialsInUrl("spec.source.git.url", gitUrl);
    SourceChecks.gitUrl("spec.source.git.url", gitUrl);
    SourceChecks.gitRevision("spec.source.git.revision", gitRevision);
    if (gitUrl.isEmpty() && !gitRevision.isEmpty()) {
      throw new InvalidValueException(
          "spec.source.git.revision", gitRevision, "no revision without spec.source.git.url");
    }
    SourceChecks.relativePath("spec.source.context", context);
    SourceChecks.relativePath("spec.source.containerfile", containerfile);
    SourceChecks.buildArgs("spec.source.buildArgs", buildArgs);
    credentialsSecret =
        Checks.emptyOrDnsSubdomain("spec.source.git.credentialsSecret", credentialsSecret);
    sshSecret = Checks.emptyOrDnsSubdomain("spec.source.git.sshSecret", sshSecret);
    if (gitUrl.isEmpty() && !credentialsSecret.isEmpty()) {
      throw new InvalidValueException(
          "spec.source.git.credentialsSecret",
          credentialsSecret,
          "no credentials without spec.source.git.url");
    }
    if (gitUrl.isEmpty() && !sshSecret.isEmpty()) {
      throw new InvalidValueException(
          "spec.source.git.sshSecret", sshSecret, "no ssh key without spec.source.git.url");
    }
  }

  /** A source without git credentials, as before they could be given. */
  public Source(
      String gitUrl,
      String gitRevision,
      String context,
      String containerfile,
      Map<String, String> buildArgs) {
    this(gitUrl, gitRevision, context, containerfile, buildArgs, "", "");
  }

  /** This source with the git credentials of the basic-auth and ssh-directory workspaces. */
  public Source withGitSecrets(String credentialsSecret, String sshSecret) {
    return new Source(
        gitUrl, gitRevision, context, containerfile, buildArgs, credentialsSecret, sshSecret);
  }

  /**
   * A source that builds what the {@code source} workspace holds, with the default context and
   * file.
   */
  public static Source workspace() {
    return new Source("", "", "", "", null);
  }

  /** A source cloned from {@code gitUrl} at {@code gitRevision} (empty for the default branch). */
  public static Source git(String gitUrl, String gitRevision) {
    return new Source(gitUrl, gitRevision, "", "", null);
  }
}
