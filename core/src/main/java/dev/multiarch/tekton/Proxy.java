package dev.multiarch.tekton;

import java.util.regex.Pattern;

/**
 * The HTTP proxy that git and buildah go through, as the Pipeline params {@code HTTP_PROXY}, {@code
 * HTTPS_PROXY} and {@code NO_PROXY}; empty values for a direct connection.
 *
 * <p>Params are readable by anyone who can read the PipelineRun, so a proxy URL never carries a
 * user or password: such a value is refused, and the message shows it without them. The constructor
 * throws {@link InvalidValueException} naming {@code spec.proxy.httpProxy}, {@code
 * spec.proxy.httpsProxy} or {@code spec.proxy.noProxy}.
 *
 * @param httpProxy the proxy of plain-HTTP requests, such as {@code http://proxy.example.com:3128};
 *     empty for none
 * @param httpsProxy the proxy of HTTPS requests; empty for none
 * @param noProxy comma-separated hosts, domains ({@code .example.com}), IP addresses or CIDRs
 *     reached directly; empty for none
 */
public record Proxy(String httpProxy, String httpsProxy, String noProxy) {

  /** The longest value of each field. */
  public static final int MAX_LENGTH = 2048;

  private static final Pattern URL =
      Pattern.compile("https?://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?/?");
  private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/]*@");
  private static final Pattern NO_PROXY =
      Pattern.compile("[A-Za-z0-9.*:/\\[\\]_-]+(,[A-Za-z0-9.*:/\\[\\]_-]+)*");

  public Proxy {
    httpProxy = url("spec.proxy.httpProxy", httpProxy);
    httpsProxy = url("spec.proxy.httpsProxy", httpsProxy);
    noProxy = noProxy == null ? "" : noProxy.replace(" ", "");
    if (!noProxy.isEmpty()
        && (noProxy.length() > MAX_LENGTH || !NO_PROXY.matcher(noProxy).matches())) {
      throw new InvalidValueException(
          "spec.proxy.noProxy",
          noProxy,
          "a comma-separated list of hosts, .domains, IP addresses or CIDRs, such as"
              + " .cluster.local,10.0.0.0/8,localhost");
    }
  }

  /** No proxy: every field empty. */
  public static Proxy none() {
    return new Proxy("", "", "");
  }

  /** Whether any field is set. */
  public boolean isSet() {
    return !httpProxy.isEmpty() || !httpsProxy.isEmpty() || !noProxy.isEmpty();
  }

  private static String url(String field, String value) {
    String v = value == null ? "" : value;
    if (v.isEmpty()) {
      return v;
    }
    if (USER_INFO.matcher(v).find()) {
      throw new InvalidValueException(
          field,
          USER_INFO.matcher(v).replaceFirst("$1***@"),
          "a proxy URL without user or password (params are readable by anyone who reads the"
              + " PipelineRun), such as http://proxy.example.com:3128");
    }
    if (v.length() > MAX_LENGTH || !URL.matcher(v).matches()) {
      throw new InvalidValueException(
          field,
          v,
          "a proxy URL http://host:port or https://host:port, such as http://proxy.example.com:3128");
    }
    return v;
  }
}
