package baton.conversation;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** What the customer told us about themselves; every field is optional. */
public record CustomerProfile(Optional<String> name, Optional<String> email, Optional<String> phone) {
  public CustomerProfile {
    requireNonNull(name, "name");
    requireNonNull(email, "email");
    requireNonNull(phone, "phone");
  }

  public static CustomerProfile anonymous() {
    return new CustomerProfile(Optional.empty(), Optional.empty(), Optional.empty());
  }
}
