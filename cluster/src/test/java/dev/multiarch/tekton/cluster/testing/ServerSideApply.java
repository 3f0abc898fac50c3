package dev.multiarch.tekton.cluster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The mock server's dispatcher with server-side apply added, which fabric8's CRUD mode does not
 * serve (it answers {@code application/apply-patch+yaml} with 415). An apply becomes what it
 * amounts to for one field manager that owns every field it sends: a create when the object is new,
 * an update to the RFC 7386 merge of it and the body when it exists; {@code dryRun=All} is answered
 * with that result and stores nothing. Field ownership and conflicts are not modelled. Every apply
 * request is kept for the tests to read (field manager, force, dry run).
 */
public final class ServerSideApply extends Dispatcher {

  private final KubernetesMixedDispatcher crud;
  private final Map<ServerRequest, Queue<ServerResponse>> expectations;
  private final List<RecordedRequest> applies = new CopyOnWriteArrayList<>();

  /**
   * Around {@code crud}, whose {@code expectations} come first, as they do in the mock's mixed
   * mode.
   */
  public ServerSideApply(
      KubernetesMixedDispatcher crud, Map<ServerRequest, Queue<ServerResponse>> expectations) {
    this.crud = crud;
    this.expectations = expectations;
  }

  public KubernetesMixedDispatcher crud() {
    return crud;
  }

  /** The apply requests received, in order. */
  public List<RecordedRequest> applies() {
    return List.copyOf(applies);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    Queue<ServerResponse> expected =
        expectations.get(new SimpleRequest(HttpMethod.PATCH, request.getPath()));
    if (!"PATCH".equals(request.getMethod())
        || type == null
        || !type.contains("apply-patch")
        || (expected != null && !expected.isEmpty())) {
      return crud.dispatch(request);
    }
    applies.add(request);
    String path = request.getPath();
    String objectPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    boolean dryRun = path.contains("dryRun=All");
    String body = new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
    MockResponse current =
        crud.dispatch(
            new RecordedRequest(
                "HTTP/1.1", HttpMethod.GET, objectPath, Headers.builder().build(), new Buffer()));
    if (current.code() == 404) {
      if (dryRun) {
        return new MockResponse().setResponseCode(201).setBody(asJson(body));
      }
      String collection = objectPath.substring(0, objectPath.lastIndexOf('/'));
      return crud.dispatch(
          new RecordedRequest(
              "HTTP/1.1",
              HttpMethod.POST,
              collection,
              json(),
              new Buffer(asJson(body).getBytes(StandardCharsets.UTF_8))));
    }
    // The mock's own merge patch appends to arrays; RFC 7386 replaces them, as an apply of whole
    // lists does.
    JsonNode merged =
        merge(
            Serialization.unmarshal(
                new String(current.getBody().getBytes(), StandardCharsets.UTF_8), JsonNode.class),
            Serialization.unmarshal(body, JsonNode.class));
    if (dryRun) {
      return new MockResponse().setResponseCode(200).setBody(Serialization.asJson(merged));
    }
    return crud.dispatch(
        new RecordedRequest(
            "HTTP/1.1",
            HttpMethod.PUT,
            objectPath,
            json(),
            new Buffer(Serialization.asJson(merged).getBytes(StandardCharsets.UTF_8))));
  }

  private static Headers json() {
    return Headers.builder().add("Content-Type", "application/json").build();
  }

  private static String asJson(String yamlOrJson) {
    return Serialization.asJson(Serialization.unmarshal(yamlOrJson, JsonNode.class));
  }

  /** RFC 7386 merge: objects merge key by key, anything else replaces. */
  private static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!(target instanceof ObjectNode object) || !patch.isObject()) {
      return patch;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isNull()) {
        object.remove(field.getKey());
      } else {
        object.set(
            field.getKey(),
            object.has(field.getKey())
                ? merge(object.get(field.getKey()), field.getValue())
                : field.getValue());
      }
    }
    return object;
  }
}
