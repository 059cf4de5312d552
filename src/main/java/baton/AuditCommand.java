package baton;

import baton.compliance.AuditLog;
import baton.compliance.ChainHead;
import baton.compliance.Verification;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code baton audit …}: check, anchor and export the audit log of the database the server uses (same
 * {@code --db-*}, {@code --data-dir} and {@code --config} settings). The embedded H2 file can be
 * opened by one process at a time, so stop the server first, or use PostgreSQL. Opening the database
 * applies pending migrations, as the server would.
 */
@Command(name = "audit", description = "Verify, anchor and export the hash-chained audit log.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Head.class, AuditCommand.Export.class}, mixinStandardHelpOptions = true)
final class AuditCommand {
  /** Exit code when the chain is broken. */
  static final int BROKEN = 1;
  /** Exit code when the database cannot be opened or an argument is wrong. */
  static final int UNUSABLE = 2;

  private AuditCommand() {}

  /** The body of one subcommand, run against an opened log. */
  private interface WithLog {
    int run(AuditLog log, PrintWriter out, PrintWriter err) throws IOException;
  }

  private static int withLog(Cli.DatabaseOptions options, CommandLine.Model.CommandSpec command, WithLog body) {
    return DatabaseCommand.withDatabase(options, command, (database, audit, out, err) -> body.run(audit, out, err));
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Recompute every hash of the audit log. Exit 0 when the chain is intact, 1 naming the first broken seq and why"
          + " (altered, broken link, missing, out of order, head mismatch), 2 when the database cannot be opened.")
  static final class Verify implements Callable<Integer> {
    @Mixin Cli.DatabaseOptions database;

    @Option(names = "--head", paramLabel = "SEQ:HASH",
        description = "A head written down earlier with `baton audit head`; the chain must still pass through it."
            + " Catches a chain rewritten or cut short by someone with write access to the database.")
    String head;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      ChainHead expected;
      try {
        expected = head == null ? null : ChainHead.parse(head);
      } catch (IllegalArgumentException e) {
        command.commandLine().getErr().println(e.getMessage());
        command.commandLine().getErr().flush();
        return UNUSABLE;
      }
      return withLog(database, command, (log, out, err) -> {
        Verification verification = expected == null ? log.verify() : log.verify(expected);
        if (verification.intact()) {
          out.println("audit log " + verification.summary());
          return 0;
        }
        err.println("audit log " + verification.summary());
        err.println(verification.checked() + " entries before it verified.");
        return BROKEN;
      });
    }
  }

  @Command(name = "head", mixinStandardHelpOptions = true,
      description = "Print the audit log's current head as SEQ:HASH. Write it down somewhere the database's administrators"
          + " cannot change; `baton audit verify --head SEQ:HASH` later proves the log still contains it.")
  static final class Head implements Callable<Integer> {
    @Mixin Cli.DatabaseOptions database;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      return withLog(database, command, (log, out, err) -> {
        out.println(log.head());
        return 0;
      });
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write audit entries as JSON Lines (one object per entry, with prev_hash and hash) to a file or stdout.")
  static final class Export implements Callable<Integer> {
    @Mixin Cli.DatabaseOptions database;

    @Option(names = "--after", paramLabel = "SEQ", defaultValue = "0",
        description = "Only entries after this seq, e.g. the last one of the previous export. Default: ${DEFAULT-VALUE}.")
    long after;

    @Option(names = "--out", paramLabel = "FILE", description = "File to write; unset: standard output.")
    Path file;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      return withLog(database, command, (log, out, err) -> {
        if (file == null) {
          log.exportJsonl(out, after, Long.MAX_VALUE);
          return 0;
        }
        try (Writer writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8))) {
          log.exportJsonl(writer, after, Long.MAX_VALUE);
        }
        err.println("wrote " + file);
        return 0;
      });
    }
  }
}
