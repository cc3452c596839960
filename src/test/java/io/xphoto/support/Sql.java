package io.xphoto.support;

import io.xphoto.database.DatabaseTarget;

import java.sql.DriverManager;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads (or, to stage a case, writes) a test server's database directly, by JDBC. */
public final class Sql {

  private final DatabaseTarget database;

  public Sql(DatabaseTarget database) {
    this.database = database;
  }

  /** The rows of a query, each a map of column label to value, in order. */
  public List<Map<String, Object>> rows(String sql, Object... parameters) {
    try (var connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
         var statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      if (!statement.execute()) {
        return rows;
      }
      try (var result = statement.getResultSet()) {
        ResultSetMetaData meta = result.getMetaData();
        while (result.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            row.put(meta.getColumnLabel(c), result.getObject(c));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (Exception e) {
      throw new AssertionError("SQL failed: " + sql, e);
    }
  }

  /** Runs a statement that answers no rows. */
  public void execute(String sql, Object... parameters) {
    rows(sql, parameters);
  }
}
