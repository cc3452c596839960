package io.xphoto.images;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.storage.ObjectKeys;
import io.xphoto.support.Api;
import io.xphoto.support.Mailbox;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import static io.xphoto.images.UploadTest.urls;
import static io.xphoto.support.Accounts.activeUser;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.TestImages.png;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An object without a row (a crash between the two) is removed by the sweep; objects with rows (images, avatars) stay. */
@ExtendWith(VertxExtension.class)
class OrphanSweepTest {

  @Test
  void orphansOlderThanTheGraceAreSwept(Vertx vertx) throws Exception {
    try (Mailbox mailbox = Mailbox.start();
         XphotoServer server = TestServer.start(mailbox.port(),
             Map.of("storage.sweep-interval", "500ms", "storage.orphan-grace", "1m"))) {
      Api api = new Api(vertx, server);
      String token = activeUser(api, mailbox, uniqueName("ivan"));
      String url = urls(api.upload("/upload", token, png(10, 10, 30))).get(0);
      Path objects = Path.of(server.settings().string("data.dir"), "objects");
      Path kept = objects.resolve(ObjectKeys.fromUrl(url).orElseThrow());
      String avatarUrl = Api.join(api.request(HttpMethod.PUT, "/forum/user/avatar", token)
          .putHeader("Content-Type", "image/png").sendBuffer(Buffer.buffer(png(6, 6, 33))))
          .bodyAsJsonObject().getString("resaddr");
      Path avatar = objects.resolve(avatarUrl.substring(avatarUrl.lastIndexOf('/') + 1));
      Path orphan = objects.resolve(ObjectKeys.newKey("png"));
      Path young = objects.resolve(ObjectKeys.newKey("jpg"));
      Path leftover = objects.resolve(".upload-123.tmp");
      Files.write(orphan, png(5, 5, 31));
      Files.write(young, png(5, 5, 32));
      Files.write(leftover, new byte[10]);
      FileTime hourAgo = FileTime.from(Instant.now().minusSeconds(3600));
      for (Path old : new Path[] {kept, orphan, leftover, avatar}) {
        Files.setLastModifiedTime(old, hourAgo);
      }

      long deadline = System.currentTimeMillis() + 10_000;
      while ((Files.exists(orphan) || Files.exists(leftover)) && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertFalse(Files.exists(orphan), "an old object without a row is removed");
      assertFalse(Files.exists(leftover), "an old half-written file is removed");
      assertTrue(Files.exists(young), "a recent object may still be getting its row");
      assertTrue(Files.exists(kept), "an object with a row stays");
      assertTrue(Files.exists(avatar), "an account's avatar stays");
      assertEquals(200, api.get(avatarUrl).status());
      assertEquals(200, api.getAbsolute(url).status());
    }
  }
}
