package baton.compliance;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * A customer's rights over their data: a copy of all of it (export) and its deletion (erasure). The
 * features that hold the data do the reading and deleting ({@link PersonalData}); this class finds the
 * customer ({@link CustomerDirectory}), runs every feature in one transaction, and records the request
 * in the audit log inside that transaction, so an erasure and its entry commit or fail together.
 *
 * <p>The audit log itself is not erased: it names customers only by pseudonym, which points at no one
 * once the customer rows are gone (docs/audit-log.md), so the chain stays intact. The entries written
 * here carry counts, never the reference the admin typed (it may be an email address).
 *
 * <p>Thread-safe; stateless apart from the database.
 */
public final class DataRights {
  /** The export document's format, for whoever reads the file later. */
  public static final String EXPORT_FORMAT = "baton-customer-export-v1";

  private final Jdbi jdbi;
  private final CustomerDirectory directory;
  private final List<PersonalData> holders;
  private final AuditLog audit;
  private final CustomerPseudonyms pseudonyms;
  private final Clock clock;

  /** @param holders every feature that stores customer data; their sections appear in the export in this order */
  public DataRights(Jdbi jdbi, CustomerDirectory directory, List<PersonalData> holders, AuditLog audit, CustomerPseudonyms pseudonyms,
      Clock clock) {
    this.jdbi = requireNonNull(jdbi, "jdbi");
    this.directory = requireNonNull(directory, "directory");
    this.holders = List.copyOf(holders);
    this.audit = requireNonNull(audit, "audit");
    this.pseudonyms = requireNonNull(pseudonyms, "pseudonyms");
    this.clock = requireNonNull(clock, "clock");
  }

  /** What an erasure deleted: how many customer records, and rows per section summed over them. */
  public record Erasure(int customers, Map<String, Integer> deleted) {
    public Erasure {
      deleted = Map.copyOf(deleted);
    }
  }

  /**
   * Everything stored about the customer {@code customerRef} names, as JSON-ready maps; empty when it
   * names no one. Records a {@code data_export} entry per customer record, by pseudonym.
   *
   * @param actor who asked, as an audit actor ({@code agent:<id>} or {@code system})
   */
  public Optional<Map<String, Object>> export(String customerRef, String actor) {
    requireNonNull(customerRef, "customerRef");
    requireNonNull(actor, "actor");
    return jdbi.inTransaction(handle -> {
      List<DataSubject> subjects = directory.find(handle, customerRef);
      if (subjects.isEmpty()) {
        return Optional.empty();
      }
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("format", EXPORT_FORMAT);
      document.put("exportedAt", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
      document.put("customerRef", customerRef);
      List<Map<String, Object>> customers = subjects.stream().map(subject -> {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("customerId", subject.customerId().toString());
        holders.forEach(holder -> customer.putAll(holder.export(handle, subject)));
        return customer;
      }).toList();
      document.put("customers", customers);
      for (DataSubject subject : subjects) {
        audit.append(handle, AuditEvent.of(actor, "data_export", pseudonyms.actorFor(subject.customerId()),
            Map.of("conversations", subject.conversationIds().size())));
      }
      return Optional.of(document);
    });
  }

  /**
   * Deletes everything stored about the customer {@code customerRef} names, in one transaction with an
   * {@code erasure} audit entry per customer record (by pseudonym, with the rows deleted). Empty when
   * it names no one.
   */
  public Optional<Erasure> erase(String customerRef, String actor) {
    requireNonNull(customerRef, "customerRef");
    requireNonNull(actor, "actor");
    return jdbi.inTransaction(handle -> {
      List<DataSubject> subjects = directory.find(handle, customerRef);
      if (subjects.isEmpty()) {
        return Optional.empty();
      }
      Map<String, Integer> total = new TreeMap<>();
      for (DataSubject subject : subjects) {
        Map<String, Integer> deleted = new TreeMap<>();
        holders.forEach(holder -> holder.erase(handle, subject).forEach((section, rows) -> deleted.merge(section, rows, Integer::sum)));
        deleted.forEach((section, rows) -> total.merge(section, rows, Integer::sum));
        audit.append(handle, AuditEvent.of(actor, "erasure", pseudonyms.actorFor(subject.customerId()), deleted));
      }
      return Optional.of(new Erasure(subjects.size(), total));
    });
  }
}
