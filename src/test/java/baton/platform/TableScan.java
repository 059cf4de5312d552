package baton.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads every column of every table of the database's current schema as text, to show where a value
 * is stored: the evidence that an erasure or purge left nothing behind does not come from the code
 * that deleted it.
 */
public final class TableScan {
  private TableScan() {}

  /** Every place holding {@code needle}, as {@code table.column} in lower case, once per row. */
  public static List<String> placesHolding(Jdbi jdbi, String needle) {
    List<String> places = new ArrayList<>();
    jdbi.useHandle(handle -> {
      Connection connection = handle.getConnection();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      for (String table : tables) {
        try (var statement = connection.createStatement(); ResultSet rows = statement.executeQuery("select * from " + table)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int c = 1; c <= columns; c++) {
              String value = rows.getString(c);
              if (value != null && value.contains(needle)) {
                places.add((table + "." + rows.getMetaData().getColumnName(c)).toLowerCase(Locale.ROOT));
              }
            }
          }
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }
    });
    return places;
  }
}
