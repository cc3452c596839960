package io.xphoto.apidocs;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.util.regex.Pattern;

/**
 * {@code GET /docs}: a page showing {@code /openapi.yaml} with Swagger UI, whose scripts and style sheets
 * ({@code GET /docs/<asset>}) come from the Swagger UI webjar on the class path: nothing is fetched from
 * elsewhere. Only the files the page needs are served (not the webjar's own index, which points at a
 * demonstration document on the internet).
 */
final class DocsPage {

  static final String PATH = "/docs";
  static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.35.0";
  private static final Pattern ASSET = Pattern.compile("(swagger-ui[a-z-]*\\.(css|js)|favicon-(16x16|32x32)\\.png)");
  private static final Buffer PAGE = Buffer.buffer(Resources.bytes("apidocs/index.html"));

  private DocsPage() {
  }

  static void mount(Router router) {
    router.get(PATH).handler(DocsPage::page);
    router.get(PATH + "/*").handler(DocsPage::onlyAssets).handler(StaticHandler.create(SWAGGER_UI).setDirectoryListing(false));
  }

  private static void page(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .end(PAGE);
  }

  /** Anything but the page's assets is no route (404, as for any unknown path). */
  private static void onlyAssets(RoutingContext ctx) {
    String name = ctx.normalizedPath().substring(PATH.length() + 1);
    if (ASSET.matcher(name).matches()) {
      ctx.next();
    } else {
      ctx.fail(404);
    }
  }
}
