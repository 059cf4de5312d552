package baton.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CSV is what spreadsheets and scripts read: quoting, empty cells for null, no formulas. */
class TableTest {

  @Test
  void csv_quotesWhatNeedsIt_leavesNullEmpty_andDisarmsFormulas() {
    var table = new Table("t", "T", List.of("n", "rate", "text"), List.of(
        new Table.Row("a,b", Arrays.asList(3L, null, "say \"hi\""), Set.of()),
        new Table.Row("=1+1", Arrays.asList(-2L, 0.25, "-x"), Set.of())));
    assertThat(table.csv()).isEqualTo("key,n,rate,text\r\n"
        + "\"a,b\",3,,\"say \"\"hi\"\"\"\r\n"
        + "'=1+1,-2,0.25,'-x\r\n");
  }

  @Test
  void newTable_rejectsARowWithTheWrongNumberOfValues() {
    assertThatThrownBy(() -> new Table("t", "T", List.of("one"), List.of(new Table.Row("k", List.of(1, 2), Set.of()))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
