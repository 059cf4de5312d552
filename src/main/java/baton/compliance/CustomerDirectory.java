package baton.compliance;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Finds the customer records a reference given by an admin names. Implemented by the feature that
 * owns customers (conversation), so data rights need not know its tables.
 */
public interface CustomerDirectory {
  /**
   * The customer records {@code customerRef} names: a customer id, the id of one of their conversations,
   * or an email address (every record that gave it, compared without case). Empty when none.
   * Runs on {@code handle}, inside the caller's transaction.
   */
  List<DataSubject> find(Handle handle, String customerRef);
}
