package baton;

import baton.conversation.ConversationExport;
import baton.platform.Database;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code baton conversations export}: recorded conversations as JSON Lines, the input of the what-if
 * replay. Opens the server's database (same settings as {@code baton audit}); the embedded H2 file can
 * be opened by one process at a time, so stop the server first, or use PostgreSQL.
 */
@Command(name = "conversations", description = "Export recorded conversations.", subcommands = {ConversationsCommand.Export.class},
    mixinStandardHelpOptions = true)
final class ConversationsCommand {
  private ConversationsCommand() {}

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write one JSON line per conversation (id, channel, createdAt, the customer's messages as stored, the first"
          + " handoff's tier, team, reason and handle minutes) for `baton replay --conversations`. See docs/what-if.md.")
  static final class Export implements Callable<Integer> {
    @Mixin Cli.DatabaseOptions database;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
    Path file;

    @Option(names = "--from", paramLabel = "DATE", description = "Only conversations started on or after this UTC day (2026-11-01).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Only conversations started before the end of this UTC day.")
    String to;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      PrintWriter err = command.commandLine().getErr();
      Instant start;
      Instant end;
      try {
        start = from == null ? Instant.EPOCH : LocalDate.parse(from).atStartOfDay(ZoneOffset.UTC).toInstant();
        // --to names a day, so the whole of that day is included.
        end = to == null ? Instant.parse("9999-12-31T00:00:00Z") : LocalDate.parse(to).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        err.println("dates are YYYY-MM-DD: " + e.getParsedString());
        err.flush();
        return AuditCommand.UNUSABLE;
      }
      Database opened;
      try {
        opened = Database.open(database.toSettings());
      } catch (RuntimeException e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
          cause = cause.getCause();
        }
        err.println("cannot open the database " + database.toSettings().describe() + ": " + cause.getMessage());
        err.flush();
        return AuditCommand.UNUSABLE;
      }
      try (opened; var writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8))) {
        int written = new ConversationExport(opened.jdbi()).write(writer, start, end);
        err.println("wrote " + written + " conversation(s) to " + file);
        return 0;
      } catch (IOException e) {
        err.println("cannot write " + file + ": " + e.getMessage());
        return AuditCommand.UNUSABLE;
      } finally {
        err.flush();
      }
    }
  }
}
