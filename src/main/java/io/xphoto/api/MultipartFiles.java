package io.xphoto.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.web.ApiError;
import io.xphoto.web.ContentLength;

import java.util.List;
import java.util.Locale;

/**
 * Reads the files of a multipart request into memory with limits enforced as the body streams in: at most
 * {@code maxFiles} files of at most {@code maxFileBytes} each. Past a limit, the rest of the body is read
 * and dropped (so the client can read the answer), unless it exceeds the whole request's cap, at which
 * point the connection is closed. Form fields are skipped, bounded like the HTTP server's form limits. The body
 * is parsed on the event loop by {@link MultipartParser} as it arrives, each file written once into its array.
 *
 * <p>The request must still be paused when {@link #read} is called (see {@link #pause}).
 */
final class MultipartFiles {

  record Part(String field, String filename, byte[] bytes) {
  }

  private final int maxFileBytes;
  private final int maxFiles;
  private final long maxRequestBytes;
  private final ApiError fileTooLarge;
  private final ApiError tooManyFiles;
  private final ApiError noFile;

  MultipartFiles(int maxFileBytes, int maxFiles, ApiError fileTooLarge, ApiError tooManyFiles, ApiError noFile) {
    this.maxFileBytes = maxFileBytes;
    this.maxFiles = maxFiles;
    this.maxRequestBytes = (long) maxFiles * (maxFileBytes + 64 * 1024L);
    this.fileTooLarge = fileTooLarge;
    this.tooManyFiles = tooManyFiles;
    this.noFile = noFile;
  }

  /** First handler of an upload route: no body byte may be lost while authentication runs. */
  static void pause(RoutingContext ctx) {
    ctx.request().pause();
    ctx.next();
  }

  private static boolean isMultipart(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  Future<List<Part>> read(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!isMultipart(ctx)) {
      return Future.failedFuture(noFile);
    }
    long expectedLength = ContentLength.of(request);
    if (expectedLength > maxRequestBytes) {
      return Future.failedFuture(fileTooLarge);
    }
    String boundary = MultipartParser.boundary(request.getHeader("Content-Type"));
    if (boundary == null) {
      return Future.failedFuture(malformed("no boundary in the Content-Type"));
    }
    MultipartParser parser = new MultipartParser(boundary, maxFileBytes, maxFiles, expectedLength);
    Promise<List<Part>> promise = Promise.promise();
    request.handler(chunk -> {
      if (promise.future().isComplete()) {
        return;
      }
      if (request.bytesRead() > maxRequestBytes) {
        promise.tryFail(parser.refusal() == null ? fileTooLarge : refusal(parser.refusal()));
        return;
      }
      try {
        parser.feed(chunk);
      } catch (MultipartParser.MalformedMultipart e) {
        promise.tryFail(malformed(e.getMessage()));
      }
    });
    request.exceptionHandler(e -> promise.tryFail(ApiError.of(400, "Malformed multipart body")));
    request.endHandler(done -> {
      if (promise.future().isComplete()) {
        return;
      }
      try {
        List<Part> parts = parser.end();
        if (parser.refusal() != null) {
          promise.tryFail(refusal(parser.refusal()));
        } else if (parts.isEmpty()) {
          promise.tryFail(noFile);
        } else {
          promise.tryComplete(parts);
        }
      } catch (MultipartParser.MalformedMultipart e) {
        promise.tryFail(malformed(e.getMessage()));
      }
    });
    request.resume();
    return promise.future();
  }

  private ApiError refusal(MultipartParser.Refusal refusal) {
    return switch (refusal) {
      case FILE_TOO_LARGE -> fileTooLarge;
      case TOO_MANY_FILES -> tooManyFiles;
    };
  }

  private static ApiError malformed(String why) {
    return ApiError.of(400, "Malformed multipart body: " + why);
  }
}
