package io.xphoto.support;

import io.vertx.core.Vertx;
import io.xphoto.XphotoServer;
import io.xphoto.database.DatabaseTarget;

import java.util.Map;

/**
 * What most test classes start once: a mailbox, one server on a fresh database sending mail to it, and an API
 * client of that server. Close it in {@code @AfterAll}.
 */
public final class TestInstallation implements AutoCloseable {

  private final Vertx vertx;
  private final Mailbox mailbox;
  private final XphotoServer server;
  private final Api api;

  private TestInstallation(Vertx vertx, Mailbox mailbox, XphotoServer server) {
    this.vertx = vertx;
    this.mailbox = mailbox;
    this.server = server;
    this.api = new Api(vertx, server);
  }

  /** A server with the given overrides ({@link TestServer#start}) on a fresh database. */
  public static TestInstallation start(Vertx vertx, Map<String, String> overrides) throws Exception {
    return startOn(vertx, TestPostgres.freshDatabase(), overrides);
  }

  /** The same on the given database, for tests that also read it with {@link Sql}. */
  public static TestInstallation startOn(Vertx vertx, DatabaseTarget database, Map<String, String> overrides)
      throws Exception {
    Mailbox mailbox = Mailbox.start();
    try {
      return new TestInstallation(vertx, mailbox, TestServer.startOn(database, mailbox.port(), overrides));
    } catch (Exception | Error e) {
      mailbox.close();
      throw e;
    }
  }

  public Mailbox mailbox() {
    return mailbox;
  }

  public XphotoServer server() {
    return server;
  }

  public Api api() {
    return api;
  }

  /** A new browser of the forum (its own session cookie) on this server. */
  public ForumClient browser() {
    return new ForumClient(vertx, server);
  }

  /** Signs a new user up, activates it through its mail and signs it in: {@link Accounts#activeUser}. */
  public String activeUser(String username) {
    return Accounts.activeUser(api, mailbox, username);
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      mailbox.close();
    }
  }
}
