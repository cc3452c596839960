package io.xphoto.support;

import io.xphoto.database.DatabaseTarget;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows an account has in the database, found without a list of tables to keep up to date: every column
 * named {@code user_id} or {@code owner_id} of every table (those of later migrations too), the account's own
 * row, and the rows that name it in other ways (throttling by {@code 'id:<n>'}, mails to its address, forum
 * sessions by the data they hold). The audit log's {@code account_deleted} event is not counted: it is the one
 * record of a deleted account that stays.
 */
public final class AccountRows {

  private AccountRows() {
  }

  /** Table (and how it names the account) to its number of rows; only those with rows. */
  public static Map<String, Long> of(DatabaseTarget db, long userId, String email) throws Exception {
    Map<String, Long> found = new TreeMap<>();
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      List<String[]> columns = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement("""
              SELECT table_name, column_name FROM information_schema.columns
              WHERE table_schema = current_schema() AND column_name IN ('user_id', 'owner_id')""");
           ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          columns.add(new String[] {rows.getString(1), rows.getString(2)});
        }
      }
      if (columns.stream().noneMatch(c -> c[0].equals("images")) || columns.stream().noneMatch(c -> c[0].equals("faces"))) {
        throw new AssertionError("the owner columns were not found: " + columns.size());
      }
      for (String[] column : columns) {
        // the audit log's record of the deletion is the one row meant to stay (docs/API.md "Audit log")
        String kept = column[0].equals("audit_events") ? " AND type <> 'account_deleted'" : "";
        count(connection, found, column[0] + "." + column[1],
            "SELECT count(*) FROM " + column[0] + " WHERE " + column[1] + " = ?" + kept, userId);
      }
      count(connection, found, "users.id", "SELECT count(*) FROM users WHERE id = ?", userId);
      count(connection, found, "signin_failures.account",
          "SELECT count(*) FROM signin_failures WHERE account = 'id:' || ?::bigint", userId);
      count(connection, found, "web_sessions.data",
          "SELECT count(*) FROM web_sessions WHERE (data::jsonb ->> 'userId') = ?::bigint::text", userId);
      if (email != null) {
        count(connection, found, "mail_outbox.recipient",
            "SELECT count(*) FROM mail_outbox WHERE lower(recipient) = lower(?)", email);
      }
    }
    return found;
  }

  private static void count(Connection connection, Map<String, Long> found, String what, String sql, Object value)
      throws Exception {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setObject(1, value);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        if (rows.getLong(1) > 0) {
          found.put(what, rows.getLong(1));
        }
      }
    }
  }
}
