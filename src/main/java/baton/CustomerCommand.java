package baton;

import baton.agent.LearnedKnowledgeData;
import baton.analytics.RatingRecords;
import baton.channels.WebhookRecords;
import baton.compliance.AuditLog;
import baton.compliance.CustomerPseudonyms;
import baton.compliance.DataRights;
import baton.compliance.PersonalData;
import baton.conversation.CustomerRecords;
import baton.platform.Database;
import baton.platform.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton customer export|erase REF}: a customer's data as JSON, or its erasure, on the database
 * the server uses (same {@code --db-*}, {@code --data-dir}, {@code --config}), audited as the admin API
 * does it, with {@code system} as the actor. Stop the server first when it uses the embedded H2 file.
 */
@Command(name = "customer", description = "Export or erase all data of one customer (by customer id, conversation id or email).",
    subcommands = {CustomerCommand.Export.class, CustomerCommand.Erase.class}, mixinStandardHelpOptions = true)
final class CustomerCommand {
  /** Exit code when the reference names no customer. */
  static final int NOT_FOUND = 1;
  /** Exit code when the database cannot be opened or an argument is wrong. */
  static final int UNUSABLE = 2;

  private CustomerCommand() {}

  /** The same parts the server wires in Main, on the command's database. */
  static List<PersonalData> personalData(CustomerRecords customers) {
    return List.of(new RatingRecords(), customers, new WebhookRecords(), new LearnedKnowledgeData());
  }

  private static DataRights rights(Database database, AuditLog audit) {
    var customers = new CustomerRecords();
    return new DataRights(database.jdbi(), customers, personalData(customers), audit,
        CustomerPseudonyms.keptIn(database.jdbi(), Clock.systemUTC()), Clock.systemUTC());
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write everything stored about a customer as one JSON document. Exit 0 written, 1 no such customer,"
          + " 2 the database cannot be opened.")
  static final class Export implements Callable<Integer> {
    @Mixin Cli.DatabaseOptions database;

    @Parameters(paramLabel = "REF", description = "Customer id, conversation id or email address.")
    String ref;

    @Option(names = "--out", paramLabel = "FILE", description = "File to write; unset: standard output.")
    Path file;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      return DatabaseCommand.withDatabase(database, command, (db, audit, out, err) -> {
        Optional<Map<String, Object>> document = rights(db, audit).export(ref, "system");
        if (document.isEmpty()) {
          err.println("no customer with this customer id, conversation id or email address");
          return NOT_FOUND;
        }
        String json = Json.write(document.get());
        if (file == null) {
          out.println(json);
        } else {
          Files.writeString(file, json, StandardCharsets.UTF_8);
          err.println("wrote " + file);
        }
        return 0;
      });
    }
  }

  @Command(name = "erase", mixinStandardHelpOptions = true,
      description = "Delete everything stored about a customer (conversations, messages, notes, packets, decisions, webhook"
          + " deliveries, profile); the audit log keeps its pseudonymous entries and records the erasure. Exit 0 erased,"
          + " 1 no such customer, 2 the database cannot be opened or --yes is missing.")
  static final class Erase implements Callable<Integer> {
    @Mixin Cli.DatabaseOptions database;

    @Parameters(paramLabel = "REF", description = "Customer id, conversation id or email address.")
    String ref;

    @Option(names = "--yes", description = "Confirm: the data cannot be brought back.")
    boolean confirmed;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      if (!confirmed) {
        command.commandLine().getErr().println("erasure cannot be undone; add --yes to erase " + ref);
        command.commandLine().getErr().flush();
        return UNUSABLE;
      }
      return DatabaseCommand.withDatabase(database, command, (db, audit, out, err) -> {
        Optional<DataRights.Erasure> erasure = rights(db, audit).erase(ref, "system");
        if (erasure.isEmpty()) {
          err.println("no customer with this customer id, conversation id or email address");
          return NOT_FOUND;
        }
        out.println("erased " + erasure.get().customers() + " customer record(s): " + erasure.get().deleted());
        return 0;
      });
    }
  }
}
