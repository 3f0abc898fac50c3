package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.cluster.ClusterException;
import dev.multiarch.tekton.cluster.ClusterException.Reason;
import dev.multiarch.tekton.text.Printable;
import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.client.Config;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a kubeconfig before fabric8 reads it: the file is a file (not a folder, nothing under
 * {@code /proc}, {@code /sys} or {@code /dev}, of a kubeconfig's size), each cluster's server is a
 * URL and its CA a certificate, each user's client certificate and key are what they say. What it
 * refuses is bad input named by file and field; no value is shown, as any may be a credential.
 */
final class KubeconfigCheck {

  /** Far more than any kubeconfig; a file this large is something else. */
  static final long MAX_BYTES = 4L << 20;

  private static final List<Path> SPECIAL =
      List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

  private static final Pattern PEM_KEY =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+ )?PRIVATE KEY-----\\s*([A-Za-z0-9+/=\\s:,-]+?)\\s*"
              + "-----END ([A-Z0-9 ]+ )?PRIVATE KEY-----\\s*");

  private KubeconfigCheck() {}

  /**
   * The files fabric8 reads when no kubeconfig is named ({@code Config.getKubeconfigFilenames}):
   * each of {@code KUBECONFIG} (which must exist, as the user named it), or {@code ~/.kube/config}
   * if it is there.
   */
  static List<Path> defaultFiles() {
    boolean named =
        System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE) != null
            || System.getenv("KUBECONFIG") != null;
    List<Path> files = new ArrayList<>();
    for (String name : Config.getKubeconfigFilenames()) {
      if (name.isEmpty()) {
        continue;
      }
      Path file = Path.of(name);
      if (named || Files.exists(file)) {
        requireFile(file, "kubeconfig " + file + " (KUBECONFIG)");
        files.add(file);
      }
    }
    return files;
  }

  /** Fails unless {@code file} is a readable regular file of a kubeconfig's size. */
  static void requireFile(Path file, String where) {
    if (Files.isDirectory(file)) {
      throw bad(where + ": is a folder; name a kubeconfig file");
    }
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException | SecurityException e) {
      throw bad(where + ": no such readable file");
    }
    for (Path special : SPECIAL) {
      if (real.startsWith(special)) {
        throw bad(
            where + ": a file under " + special + " is not a kubeconfig; name a kubeconfig file");
      }
    }
    try {
      if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) || !Files.isReadable(real)) {
        throw bad(where + ": no such readable file");
      }
      if (Files.size(real) > MAX_BYTES) {
        throw bad(where + ": larger than " + (MAX_BYTES >> 20) + " MiB, which no kubeconfig is");
      }
    } catch (IOException e) {
      throw bad(where + ": no such readable file");
    }
  }

  /** Fails on the first field of {@code config} that fabric8 could not use. */
  static void requireFields(io.fabric8.kubernetes.api.model.Config config, String where) {
    List<NamedCluster> clusters = config.getClusters() == null ? List.of() : config.getClusters();
    for (int i = 0; i < clusters.size(); i++) {
      NamedCluster cluster = clusters.get(i);
      if (cluster == null || cluster.getCluster() == null) {
        continue;
      }
      String field = where + ": clusters[" + i + "].cluster.";
      String server = cluster.getCluster().getServer();
      if (server != null) {
        requireServer(server, field + "server");
      }
      String ca = cluster.getCluster().getCertificateAuthorityData();
      if (ca != null) {
        requireCertificates(ca, field + "certificate-authority-data");
      }
    }
    List<NamedAuthInfo> users = config.getUsers() == null ? List.of() : config.getUsers();
    for (int i = 0; i < users.size(); i++) {
      AuthInfo user = users.get(i) == null ? null : users.get(i).getUser();
      if (user == null) {
        continue;
      }
      String field = where + ": users[" + i + "].user.";
      if (user.getClientCertificateData() != null) {
        requireCertificates(user.getClientCertificateData(), field + "client-certificate-data");
      }
      if (user.getClientKeyData() != null) {
        requireKey(user.getClientKeyData(), field + "client-key-data");
      }
    }
  }

  private static void requireServer(String server, String field) {
    if (server.codePoints().anyMatch(c -> Printable.unprintable(c) || Character.isWhitespace(c))) {
      throw bad(
          field
              + ": holds a space, a control character or an escape; expected a URL such as "
              + "https://api.example.com:6443 (not shown, as it may hold a credential)");
    }
    URI uri;
    try {
      uri = new URI(server);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || uri.getScheme() == null
        || !List.of("https", "http").contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))
        || uri.getHost() == null) {
      throw bad(
          field
              + ": not an https:// URL with a host, such as https://api.example.com:6443 (not"
              + " shown, as it may hold a credential)");
    }
  }

  private static byte[] base64(String data, String field) {
    try {
      return Base64.getDecoder().decode(data.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw bad(field + ": not base64 (not shown, as it may be a credential)");
    }
  }

  private static void requireCertificates(String data, String field) {
    byte[] pem = base64(data, field);
    try {
      if (CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem))
          .isEmpty()) {
        throw bad(field + ": holds no certificate; expected base64 of PEM certificates");
      }
    } catch (CertificateException | RuntimeException e) {
      if (e instanceof ClusterException cluster) {
        throw cluster;
      }
      throw bad(field + ": not a certificate; expected base64 of PEM certificates");
    }
  }

  private static void requireKey(String data, String field) {
    String pem = new String(base64(data, field), StandardCharsets.UTF_8);
    var matcher = PEM_KEY.matcher(pem);
    boolean key = matcher.matches();
    if (key) {
      try {
        // Headers of an encrypted PKCS#1 key (Proc-Type, DEK-Info) are not base64: only lines
        // without a colon are the key.
        String body =
            String.join("", matcher.group(2).lines().filter(line -> !line.contains(":")).toList());
        key = Base64.getMimeDecoder().decode(body).length > 0;
      } catch (IllegalArgumentException e) {
        key = false;
      }
    }
    if (!key) {
      throw bad(
          field
              + ": not a private key; expected base64 of one PEM private key (not shown, as it is a"
              + " credential)");
    }
  }

  private static ClusterException bad(String message) {
    return new ClusterException(Reason.CONFIGURATION, message);
  }
}
