package io.xphoto.forum;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.images.Image;
import io.xphoto.web.ContentLength;
import io.xphoto.web.SameOrigin;

import java.util.Locale;
import java.util.Set;

/**
 * Keeps cross-site requests from changing anything with the visitor's session cookie. A state-changing
 * forum request must carry a JSON content type (an image type for the avatar) or no body at all, which no
 * HTML form can send without a script, and a script of another site cannot send it without a CORS
 * preflight, which this server never grants; and an {@code Origin}, when the browser sends one, must be
 * this server's (its {@code Host}, or {@code public.url}).
 */
final class SameOriginGuard implements Handler<RoutingContext> {

  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  static final Set<String> AVATAR_TYPES = Set.of("image/jpeg", "image/png");

  private final SameOrigin sameOrigin;

  SameOriginGuard(String publicUrl) {
    this.sameOrigin = new SameOrigin(publicUrl);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (SAFE.contains(ctx.request().method())) {
      ctx.next();
      return;
    }
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && !sameOrigin.allows(origin, ctx.request().getHeader("Host"))) {
      ctx.fail(ForumError.of(403, ForumMessages.CROSS_SITE));
      return;
    }
    String type = mediaType(ctx.request().getHeader("Content-Type"));
    boolean avatar = ctx.normalizedPath().equals(AvatarRoutes.PATH);
    if (avatar && !AVATAR_TYPES.contains(type)) {
      ctx.fail(ForumError.of(415, ForumMessages.AVATAR_NOT_AN_IMAGE));
      return;
    }
    if (avatar && ContentLength.of(ctx.request()) > Image.MAX_BYTES) {
      ctx.fail(ForumError.of(413, ForumMessages.AVATAR_TOO_LARGE));
      return;
    }
    if (!avatar && !(type.equals("application/json") || (type.isEmpty() && hasNoBody(ctx)))) {
      ctx.fail(ForumError.of(415, ForumMessages.NOT_JSON));
      return;
    }
    ctx.next();
  }

  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static boolean hasNoBody(RoutingContext ctx) {
    String length = ctx.request().getHeader("Content-Length");
    return ctx.request().getHeader("Transfer-Encoding") == null && (length == null || length.trim().equals("0"));
  }
}
