package baton;

import baton.compliance.AuditLog;
import baton.compliance.JdbiAuditLog;
import baton.platform.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;

/** Opens the database a command names, runs the command's body on it, and reports trouble as exit code 2. */
final class DatabaseCommand {
  static final int UNUSABLE = 2;

  private DatabaseCommand() {}

  /** The body of a command, run against an opened database. */
  interface WithDatabase {
    int run(Database database, AuditLog audit, PrintWriter out, PrintWriter err) throws IOException;
  }

  static int withDatabase(Cli.DatabaseOptions options, CommandLine.Model.CommandSpec command, WithDatabase body) {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    Database database;
    try {
      database = Database.open(options.toSettings());
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      err.println("cannot open the database " + options.toSettings().describe() + ": " + cause.getMessage());
      err.flush();
      return UNUSABLE;
    }
    try (database) {
      return body.run(database, new JdbiAuditLog(database.jdbi(), Clock.systemUTC()), out, err);
    } catch (IOException e) {
      err.println("cannot write: " + e.getMessage());
      return UNUSABLE;
    } finally {
      out.flush();
      err.flush();
    }
  }
}
