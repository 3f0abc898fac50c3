package dev.multiarch.tekton.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The multi-arch image a run published, read back from the registry with {@code skopeo inspect
 * --raw}: its digest must be the one the manifest task reported, and its index lists the platforms
 * printed at the end.
 *
 * @param reference {@code repository:tag@digest}, when the Pipeline reported one
 * @param platforms the platforms of the index
 * @param problem what did not match, if anything
 */
record Published(Optional<String> reference, List<String> platforms, Optional<String> problem) {

  static final Published NONE = new Published(Optional.empty(), List.of(), Optional.empty());

  static Published check(Map<String, String> pipelineResults, boolean loopback) {
    String url = pipelineResults.get("IMAGE_URL");
    String digest = pipelineResults.get("IMAGE_DIGEST");
    if (url == null || digest == null) {
      return NONE;
    }
    String reference = url + "@" + digest;
    try {
      Process process =
          new ProcessBuilder(
                  "skopeo", "inspect", "--raw", "--tls-verify=" + !loopback, "docker://" + url)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      byte[] raw;
      try (InputStream in = process.getInputStream()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        raw = out.toByteArray();
      }
      if (process.waitFor() != 0) {
        return failed(
            reference, "skopeo inspect could not read " + url + " back from the registry");
      }
      String actual =
          "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
      if (!actual.equals(digest)) {
        return failed(
            reference,
            url
                + " has digest "
                + actual
                + " in the registry, but the manifest task reported "
                + digest);
      }
      JsonNode index = new ObjectMapper().readTree(raw);
      List<String> platforms = new ArrayList<>();
      for (JsonNode manifest : index.path("manifests")) {
        JsonNode platform = manifest.path("platform");
        String variant = platform.path("variant").asText("");
        platforms.add(
            platform.path("os").asText()
                + "/"
                + platform.path("architecture").asText()
                + (variant.isEmpty() ? "" : "/" + variant));
      }
      if (platforms.isEmpty()) {
        return failed(reference, url + " is not an image index (no manifests listed)");
      }
      return new Published(Optional.of(reference), platforms, Optional.empty());
    } catch (IOException | NoSuchAlgorithmException e) {
      return failed(reference, "cannot inspect " + url + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(reference, "interrupted while inspecting " + url);
    }
  }

  private static Published failed(String reference, String problem) {
    return new Published(Optional.of(reference), List.of(), Optional.of(problem));
  }
}
