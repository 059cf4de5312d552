package baton;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code baton replay} refuses what it cannot run, with a message, before loading any model. */
class ReplayCommandTest {

  @Test
  void replay_withoutTheDataSet_exitsWithCode2AndSaysWhere() {
    var command = Cli.commandLine(Optional.empty(), name -> null);
    var err = new StringWriter();
    command.setErr(new PrintWriter(err));
    assertThat(command.execute("replay", "--data", "/nonexistent/banking77")).isEqualTo(2);
    assertThat(err.toString()).contains("/nonexistent/banking77").contains("train.csv");
  }

  @Test
  void replay_withAnImpossiblePolicy_exitsWithCode2() throws Exception {
    var dir = java.nio.file.Files.createTempDirectory("replay-cli");
    java.nio.file.Files.writeString(dir.resolve("train.csv"), "text,category\nwhere is my card,card_arrival\n");
    java.nio.file.Files.writeString(dir.resolve("test.csv"), "text,category\nmy card has not come,card_arrival\n");
    var command = Cli.commandLine(Optional.empty(), name -> null);
    var err = new StringWriter();
    command.setErr(new PrintWriter(err));
    assertThat(command.execute("replay", "--data", dir.toString(), "--approve-after", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("approveAfter");
    baton.platform.TestDatabases.deleteQuietly(dir);
  }
}
