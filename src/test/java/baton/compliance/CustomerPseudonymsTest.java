package baton.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CustomerPseudonymsTest {
  private static final UUID ADA = UUID.fromString("7d1c5a9e-2f4b-4c1a-9d8e-0a1b2c3d4e5f");
  private final CustomerPseudonyms pseudonyms = CustomerPseudonyms.withSecret("server secret number one, 32 bytes+");

  @Test
  void pseudonymOf_sameCustomerAndSecret_isStableHexHmac() {
    String pseudonym = pseudonyms.pseudonymOf(ADA);

    assertThat(pseudonym).matches("[0-9a-f]{64}").isEqualTo(pseudonyms.pseudonymOf(ADA));
    assertThat(pseudonyms.actorFor(ADA)).isEqualTo("customer:" + pseudonym);
    assertThat(pseudonym).doesNotContain(ADA.toString().replace("-", ""));
  }

  @Test
  void pseudonymOf_otherCustomerOrOtherSecret_differs() {
    assertThat(pseudonyms.pseudonymOf(UUID.randomUUID())).isNotEqualTo(pseudonyms.pseudonymOf(ADA));
    assertThat(CustomerPseudonyms.withSecret("server secret number two, 32 bytes+").pseudonymOf(ADA))
        .isNotEqualTo(pseudonyms.pseudonymOf(ADA));
  }

  @Test
  void withSecret_shorterThan32Bytes_isRefused() {
    assertThatThrownBy(() -> CustomerPseudonyms.withSecret("short")).isInstanceOf(IllegalArgumentException.class);
  }
}
