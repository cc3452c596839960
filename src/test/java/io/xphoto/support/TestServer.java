package io.xphoto.support;

import io.xphoto.XphotoServer;
import io.xphoto.config.Settings;
import io.xphoto.database.DatabaseTarget;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts a whole xphoto server, configured as in production except for the given overrides. */
public final class TestServer {

  /** The JWT key of test servers, so that tests can forge tokens signed with the right and a wrong key. */
  public static final String JWT_SECRET = "test-secret-test-secret-test-secret-0123456789";

  private TestServer() {
  }

  /** A server on a fresh database of the shared test PostgreSQL, sending mail to {@code smtpPort}. */
  public static XphotoServer start(int smtpPort, Map<String, String> overrides) throws Exception {
    return startOn(TestPostgres.freshDatabase(), smtpPort, overrides);
  }

  /** A server on the given database: two of them on one database act as two nodes of one installation. */
  public static XphotoServer startOn(DatabaseTarget database, int smtpPort, Map<String, String> overrides)
      throws Exception {
    Map<String, String> settings = new HashMap<>(Map.of(
        "db.url", database.url(),
        "db.user", database.user(),
        "db.password", database.password(),
        "smtp.host", "127.0.0.1",
        "smtp.port", Integer.toString(smtpPort)));
    settings.putAll(overrides);
    return startWith(settings);
  }

  /** A server with only the test basics set (port, data dir, JWT key, quick mail retries) and the given settings. */
  public static XphotoServer startWith(Map<String, String> overrides) throws Exception {
    Map<String, String> settings = new HashMap<>(Map.of(
        "http.port", Integer.toString(Ports.free()),
        "jwt.secret", JWT_SECRET,
        "mail.poll", "1s",
        "mail.retry-min", "1s",
        "mail.retry-max", "1s",
        "http.access-log", "false",
        "model.dir", TestAssets.models().toString()));
    settings.putAll(overrides);
    if (!settings.containsKey("data.dir")) {
      settings.put("data.dir", Files.createTempDirectory(Path.of("target"), "data").toString());
    }
    return XphotoServer.start(Settings.load(Map.of()).with(settings));
  }
}
