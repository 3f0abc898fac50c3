package dev.multiarch.tekton.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.Proxy;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProxyValidationTest {

  private static final String URL_ALLOWED =
      "a proxy URL http://host:port or https://host:port, such as http://proxy.example.com:3128";

  @Test
  void proxy_withUsualValues_keepsThem() {
    Proxy proxy =
        new Proxy(
            "http://proxy.example.com:3128",
            "http://[fd00::1]:8080/",
            ".cluster.local, .svc,10.0.0.0/16,localhost");

    assertThat(proxy)
        .isEqualTo(
            new Proxy(
                "http://proxy.example.com:3128",
                "http://[fd00::1]:8080/",
                ".cluster.local,.svc,10.0.0.0/16,localhost"));
    assertThat(proxy.isSet()).isTrue();
    assertThat(new Proxy(null, "", null)).isEqualTo(Proxy.none());
    assertThat(Proxy.none().isSet()).isFalse();
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(
            new String[] {"http://user:s3cret@proxy:3128", "", ""},
            "spec.proxy.httpProxy: 'http://***@proxy:3128' is not allowed; expected a proxy URL"
                + " without user or password (params are readable by anyone who reads the"
                + " PipelineRun), such as http://proxy.example.com:3128"),
        Arguments.of(
            new String[] {"", "proxy.example.com:3128", ""},
            "spec.proxy.httpsProxy: 'proxy.example.com:3128' is not allowed; expected "
                + URL_ALLOWED),
        Arguments.of(
            new String[] {"", "http://proxy:3128/path", ""},
            "spec.proxy.httpsProxy: 'http://proxy:3128/path' is not allowed; expected "
                + URL_ALLOWED),
        Arguments.of(
            new String[] {"", "", "a;b"},
            "spec.proxy.noProxy: 'a;b' is not allowed; expected a comma-separated list of hosts,"
                + " .domains, IP addresses or CIDRs, such as .cluster.local,10.0.0.0/8,localhost"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void proxy_withBadValue_namesTheFieldAndNeverItsCredentials(String[] values, String message) {
    assertThatThrownBy(() -> new Proxy(values[0], values[1], values[2])).hasMessage(message);
  }
}
