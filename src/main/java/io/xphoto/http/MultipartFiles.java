package io.xphoto.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the files of a multipart request into memory with limits enforced as the body streams in: at most
 * {@code maxFiles} files of at most {@code maxFileBytes} each. Past a limit, the rest of the body is read
 * and dropped (so the client can read the answer), unless it exceeds the whole request's cap, at which
 * point the connection is closed. Form fields are bounded by the HTTP server's form limits.
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
    String length = request.getHeader("Content-Length");
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxRequestBytes) {
      return Future.failedFuture(fileTooLarge);
    }
    Promise<List<Part>> promise = Promise.promise();
    List<Part> parts = new ArrayList<>();
    ApiError[] refusal = new ApiError[1];
    request.setExpectMultipart(true);
    request.uploadHandler(upload -> {
      if (refusal[0] == null && parts.size() >= maxFiles) {
        refusal[0] = tooManyFiles;
      }
      List<Buffer> chunks = new ArrayList<>();
      int[] size = new int[1];
      upload.handler(chunk -> {
        if (request.bytesRead() > maxRequestBytes) {
          promise.tryFail(refusal[0] == null ? fileTooLarge : refusal[0]);
          return;
        }
        if (refusal[0] != null) {
          return;
        }
        if (size[0] + chunk.length() > maxFileBytes) {
          refusal[0] = fileTooLarge;
          return;
        }
        chunks.add(chunk);
        size[0] += chunk.length();
      });
      upload.endHandler(done -> {
        if (refusal[0] == null) {
          parts.add(new Part(upload.name(), upload.filename(), concat(chunks, size[0])));
        }
      });
    });
    request.exceptionHandler(e -> promise.tryFail(ApiError.of(400, "Malformed multipart body")));
    request.endHandler(done -> {
      if (refusal[0] != null) {
        promise.tryFail(refusal[0]);
      } else if (parts.isEmpty()) {
        promise.tryFail(noFile);
      } else {
        promise.tryComplete(parts);
      }
    });
    request.resume();
    return promise.future();
  }

  private static byte[] concat(List<Buffer> chunks, int size) {
    byte[] bytes = new byte[size];
    int offset = 0;
    for (Buffer chunk : chunks) {
      chunk.getBytes(bytes, offset);
      offset += chunk.length();
    }
    return bytes;
  }
}
