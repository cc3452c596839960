package io.xphoto.support;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import io.xphoto.XphotoServer;

import java.util.concurrent.TimeUnit;

/** A blocking client of a test server's HTTP API, for readable tests. Call it from the test thread only. */
public final class Api {

  private final WebClient client;
  private final String base;

  public Api(Vertx vertx, XphotoServer server) {
    this(vertx, server.settings().integer("http.port"));
  }

  /** A client of the server on this local port (one in another process: {@link ServerProcess}). */
  public Api(Vertx vertx, int port) {
    this.client = WebClient.create(vertx);
    this.base = "http://127.0.0.1:" + port;
  }

  public record Reply(int status, MultiMap headers, Buffer body) {

    public JsonObject json() {
      return body.toJsonObject();
    }

    public String header(String name) {
      return headers.get(name);
    }

    @Override
    public String toString() {
      return status + " " + (body == null ? "" : body.toString());
    }
  }

  public Reply get(String path) {
    return get(path, null);
  }

  public Reply get(String path, String token) {
    return send(request(HttpMethod.GET, path, token), null);
  }

  public Reply getAbsolute(String url) {
    return send(client.getAbs(url), null);
  }

  public Reply post(String path, JsonObject body) {
    return post(path, body, null);
  }

  public Reply post(String path, JsonObject body, String token) {
    return send(request(HttpMethod.POST, path, token), body == null ? null : body.toBuffer());
  }

  /** POST /signin with this username (or email) and password. */
  public Reply signin(String username, String password) {
    return post("/signin", new JsonObject().put("username", username).put("password", password));
  }

  /** Sends a body exactly as given, e.g. malformed JSON. */
  public Reply postRaw(String path, String body) {
    return send(request(HttpMethod.POST, path, null), Buffer.buffer(body));
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path, String token) {
    HttpRequest<Buffer> request = client.requestAbs(method, base + path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request;
  }

  public Future<Reply> sendAsync(HttpRequest<Buffer> request, Buffer body) {
    if (body != null) {
      request.putHeader("Content-Type", "application/json");
    }
    Future<HttpResponse<Buffer>> response = body == null ? request.send() : request.sendBuffer(body);
    return response.map(r -> new Reply(r.statusCode(), r.headers(), r.body()));
  }

  /** A multipart/form-data POST with one file part per entry (field name, bytes), in order. */
  public Reply upload(String path, String token, java.util.List<java.util.Map.Entry<String, byte[]>> files) {
    MultipartForm form = MultipartForm.create();
    int i = 0;
    for (var file : files) {
      form.binaryFileUpload(file.getKey(), "file" + i++ + ".bin", Buffer.buffer(file.getValue()), "application/octet-stream");
    }
    return join(request(HttpMethod.POST, path, token).sendMultipartForm(form)
        .map(r -> new Reply(r.statusCode(), r.headers(), r.body())));
  }

  public Reply upload(String path, String token, byte[]... files) {
    return upload(path, token, java.util.Arrays.stream(files).map(f -> java.util.Map.entry("file", f)).toList());
  }

  public Reply send(HttpRequest<Buffer> request, Buffer body) {
    return join(sendAsync(request, body));
  }

  public static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
