package io.xphoto.webclient;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.xphoto.config.Settings;
import io.xphoto.web.SameOrigin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The reference web client of the API: {@code GET /} (its one page) and {@code GET /app/<file>} (its ES modules
 * and style sheet), plain files of the jar ({@code webclient/} on the class path), nothing fetched from
 * elsewhere (the page is read once, at class load, like the docs page). The page talks to the server only
 * through the documented API. Every file is revalidated ({@code no-cache} with an {@code ETag}: the page's
 * digest, the static handler's for the modules; 304 when unchanged), so a new
 * server version is picked up at the next load without names that change per build. A strict
 * Content-Security-Policy allows scripts, styles and requests of this origin only; images also from
 * {@code public.url} (photo URLs are absolute: the page may be opened under another name) and from the S3 store
 * when {@code storage=s3}.
 */
public final class WebClient {

  public static final String PAGE = "/";
  public static final String ASSETS = "/app/";
  private static final Pattern ASSET = Pattern.compile("[a-z0-9-]+\\.(js|css|svg)");
  private static final String FILES = "webclient/app";
  private static final Buffer PAGE_BYTES = Buffer.buffer(bytes("webclient/index.html"));
  private static final String PAGE_TAG = "\"" + HexFormat.of().formatHex(sha256(PAGE_BYTES.getBytes()), 0, 16) + "\"";

  private WebClient() {
  }

  public static void mount(Router router, Settings settings) {
    String policy = contentSecurityPolicy(settings);
    router.get(PAGE).handler(ctx -> headers(ctx, policy)).handler(WebClient::page);
    router.get(ASSETS + "*").handler(WebClient::onlyAssets).handler(ctx -> headers(ctx, policy))
        .handler(StaticHandler.create(FILES).setDirectoryListing(false).setCachingEnabled(true).setSendVaryHeader(false));
  }

  private static void page(RoutingContext ctx) {
    if (PAGE_TAG.equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).putHeader("ETag", PAGE_TAG).end();
      return;
    }
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("ETag", PAGE_TAG)
        .end(PAGE_BYTES);
  }

  /** Anything but a file of the client is no route (404, as for any unknown path). */
  private static void onlyAssets(RoutingContext ctx) {
    if (ASSET.matcher(ctx.normalizedPath().substring(ASSETS.length())).matches()) {
      ctx.next();
    } else {
      ctx.fail(404);
    }
  }

  private static void headers(RoutingContext ctx, String policy) {
    ctx.addHeadersEndHandler(v -> ctx.response().headers()
        .set("Cache-Control", "no-cache")
        .set("Content-Security-Policy", policy)
        .set("Referrer-Policy", "no-referrer")
        .set("X-Frame-Options", "DENY"));
    ctx.next();
  }

  static String contentSecurityPolicy(Settings settings) {
    Set<String> images = new LinkedHashSet<>(List.of("'self'", "blob:"));
    List<String> imageBases = settings.string("storage").equals("s3")
        ? List.of("public.url", "s3.public-url", "s3.endpoint") : List.of("public.url");
    for (String key : imageBases) {
      String origin = SameOrigin.of(settings.string(key));
      if (origin != null) {
        images.add(origin);
      }
    }
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src " + String.join(" ", images)
        + "; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  }

  private static byte[] bytes(String name) {
    try (InputStream in = WebClient.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
