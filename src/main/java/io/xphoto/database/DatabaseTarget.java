package io.xphoto.database;

/** Where the server's database is: the embedded one or the one named by {@code db.url}. */
public record DatabaseTarget(String host, int port, String database, String user, String password) {

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** The form {@code db.url} takes, which the DB verticle reads. */
  public String url() {
    return "postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return url() + " as " + user;
  }
}
