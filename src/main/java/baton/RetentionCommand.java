package baton;

import baton.compliance.RetentionPurge;
import baton.conversation.CustomerRecords;
import baton.spec.BotSpec;
import baton.spec.BotSpecLoader;
import baton.spec.SpecException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code baton retention purge}: one retention purge now, with the periods of the given spec, as the
 * server's schedule would run it. For cron-driven set-ups (run the server with
 * {@code --retention-purge-minutes 0}) and for a first clean-up.
 */
@Command(name = "retention", description = "Delete data the bot spec's retention periods say has expired.",
    subcommands = {RetentionCommand.Purge.class}, mixinStandardHelpOptions = true)
final class RetentionCommand {
  private RetentionCommand() {}

  @Command(name = "purge", mixinStandardHelpOptions = true,
      description = "Purge once and print the rows deleted per kind. Exit 0 done, 2 the spec is wrong or the database cannot"
          + " be opened.")
  static final class Purge implements Callable<Integer> {
    @Mixin Cli.DatabaseOptions database;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The bot spec whose retention section applies."
        + " Env: BATON_SPEC.")
    Path spec;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      BotSpec loaded;
      try {
        loaded = new BotSpecLoader().load(spec);
      } catch (SpecException e) {
        e.problems().forEach(command.commandLine().getErr()::println);
        command.commandLine().getErr().flush();
        return CustomerCommand.UNUSABLE;
      }
      return DatabaseCommand.withDatabase(database, command, (db, audit, out, err) -> {
        var purge = new RetentionPurge(db.jdbi(), CustomerCommand.personalData(new CustomerRecords()), audit,
            () -> Main.retentionPolicy(loaded.retention()), Clock.systemUTC());
        RetentionPurge.Report report = purge.run("system");
        out.println("purged " + report.total() + " rows: " + report.deleted() + "; audit chain starts after " + report.auditCheckpoint());
        return 0;
      });
    }
  }
}
