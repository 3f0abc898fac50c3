package dev.multiarch.tekton;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the image's source comes from: a git repository cloned by each build, or (with an empty
 * {@code gitUrl}) the content of the {@code source} workspace.
 *
 * @param gitUrl the repository to clone, or empty to build what the source workspace holds
 * @param gitRevision a branch, tag or commit; empty for the remote's default branch
 * @param context the build context, relative to the source root
 * @param containerfile the Containerfile, relative to the context
 * @param buildArgs {@code --build-arg} values, in the order given
 */
public record Source(String gitUrl, String gitRevision, String context, String containerfile,
    Map<String, String> buildArgs) {

  public static final String DEFAULT_CONTEXT = ".";
  public static final String DEFAULT_CONTAINERFILE = "Containerfile";

  public Source {
    gitUrl = gitUrl == null ? "" : gitUrl;
    gitRevision = gitRevision == null ? "" : gitRevision;
    context = context == null || context.isEmpty() ? DEFAULT_CONTEXT : context;
    containerfile = containerfile == null || containerfile.isEmpty() ? DEFAULT_CONTAINERFILE : containerfile;
    buildArgs = buildArgs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
  }
}
