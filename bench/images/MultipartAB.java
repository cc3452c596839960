package io.xphoto.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.web.ApiError;

/**
 * The A/B of issue 12 item 7: one HTTP server, one event loop, two routes reading the files of a multipart upload
 * into memory with the same limits (1 MiB per file, 20 files, 413 past either, enforced as the body streams):
 * {@code /ours} with {@link MultipartFiles} (our {@link MultipartParser}), {@code /vertx} with Vert.x's own
 * decoder ({@code setExpectMultipart(true)} + {@code uploadHandler}), each upload's chunks appended to a
 * {@link Buffer} and turned into the {@code byte[]} our routes hold. Both answer 200 with the bytes received.
 * In package io.xphoto.api for MultipartFiles (package-private); compiled against the jar by multipart-ab.sh.
 */
public final class MultipartAB {
  static final int MAX_FILE = 1024 * 1024;
  static final int MAX_FILES = 20;

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Vertx vertx = Vertx.vertx();
    MultipartFiles ours = new MultipartFiles(MAX_FILE, MAX_FILES, ApiError.of(413, "file too large"),
        ApiError.of(413, "too many files"), ApiError.of(400, "no file"));
    Router router = Router.router(vertx);
    router.post("/ours").handler(MultipartFiles::pause).handler(ctx -> ours.read(ctx).onComplete(done -> {
      if (done.succeeded()) {
        long n = 0;
        for (MultipartFiles.Part part : done.result()) {
          n += part.bytes().length;
        }
        ctx.response().end(Long.toString(n));
      } else {
        int status = done.cause() instanceof ApiError e ? e.status() : 500;
        ctx.response().setStatusCode(status).end();
      }
    }));
    router.post("/vertx").handler(MultipartAB::vertx);
    vertx.createHttpServer().requestHandler(router).listen(port)
        .onSuccess(s -> System.out.println("listening on " + port))
        .onFailure(e -> { e.printStackTrace(); System.exit(1); });
  }

  private static void vertx(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.setExpectMultipart(true);
    int[] files = {0};
    long[] total = {0};
    int[] refused = {0};
    request.uploadHandler(upload -> {
      if (refused[0] != 0 || ++files[0] > MAX_FILES) {
        refused[0] = 413;
        upload.handler(null);
        return;
      }
      Buffer bytes = Buffer.buffer();
      upload.handler(chunk -> {
        if (refused[0] != 0) {
          return;
        }
        if (bytes.length() + chunk.length() > MAX_FILE) {
          refused[0] = 413;
          return;
        }
        bytes.appendBuffer(chunk);
      });
      upload.endHandler(v -> {
        if (refused[0] == 0) {
          byte[] file = bytes.getBytes();
          total[0] += file.length;
        }
      });
    });
    request.exceptionHandler(e -> {
      if (!ctx.response().ended()) {
        ctx.response().setStatusCode(400).end();
      }
    });
    request.endHandler(v -> {
      if (ctx.response().ended()) {
        return;
      }
      if (refused[0] != 0) {
        ctx.response().setStatusCode(refused[0]).end();
      } else if (files[0] == 0) {
        ctx.response().setStatusCode(400).end();
      } else {
        ctx.response().end(Long.toString(total[0]));
      }
    });
  }
}
