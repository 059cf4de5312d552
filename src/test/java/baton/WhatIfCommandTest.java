package baton;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baton replay --conversations …} refuses unusable input with exit 2 and says which file and line. */
class WhatIfCommandTest {
  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) {
    var command = Cli.commandLine(Optional.empty(), name -> null);
    var out = new StringWriter();
    var err = new StringWriter();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exitCode = command.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private Path aConversation(String name) throws IOException {
    return Files.writeString(dir.resolve(name),
        "{\"id\":\"a\",\"channel\":\"web\",\"createdAt\":\"2026-11-02T10:00:00Z\",\"customerMessages\":[\"agent please\"],\"handoff\":null}\n");
  }

  @Test
  void whatIf_withAMissingExport_exitsWith2NamingTheFile() {
    Path spec = Demo.installFiles(dir.resolve("demo"));
    Path missing = dir.resolve("nowhere.jsonl");

    Run run = run("replay", "--conversations", missing.toString(), "--current-spec", spec.toString(), "--spec", spec.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(missing + ": no such file");
  }

  @Test
  void whatIf_withoutTheCurrentSpec_saysWhichOptionIsMissing() throws IOException {
    Path spec = Demo.installFiles(dir.resolve("demo"));

    Run run = run("replay", "--conversations", aConversation("export.jsonl").toString(), "--spec", spec.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--current-spec FILE").doesNotContain("--spec FILE,");
  }

  @Test
  void whatIf_withAMalformedLine_reportsItsLineNumber() throws IOException {
    Path spec = Demo.installFiles(dir.resolve("demo"));
    String good = Files.readString(aConversation("good.jsonl"));
    Path export = Files.writeString(dir.resolve("export.jsonl"), good + "\n" + "{\"id\": \"b\", \"customerMessages\": [\"hi\"\n" + good);

    Run run = run("replay", "--conversations", export.toString(), "--current-spec", spec.toString(), "--spec", spec.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    // Line 2 is blank (skipped), line 3 is cut short.
    assertThat(run.err()).contains(export + ":3: not a conversation");
  }

  @Test
  void whatIf_withALineWithoutAnId_reportsItsLineNumber() throws IOException {
    Path spec = Demo.installFiles(dir.resolve("demo"));
    Path export = Files.writeString(dir.resolve("export.jsonl"), "{\"customerMessages\":[\"hi\"]}\n");

    Run run = run("replay", "--conversations", export.toString(), "--current-spec", spec.toString(), "--spec", spec.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(export + ":1: not a conversation: missing \"id\"");
  }

  @Test
  void whatIf_withMessagesThatAreNotAList_namesTheField() throws IOException {
    Path spec = Demo.installFiles(dir.resolve("demo"));
    Path export = Files.writeString(dir.resolve("export.jsonl"), "{\"id\":\"x\",\"customerMessages\":\"hi\"}\n");

    Run run = run("replay", "--conversations", export.toString(), "--current-spec", spec.toString(), "--spec", spec.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(export + ":1: not a conversation: \"customerMessages\" has the wrong type");
  }

  @Test
  void whatIf_withABrokenNewSpec_reportsFileLineAndColumn() throws IOException {
    Path spec = Demo.installFiles(dir.resolve("demo"));
    Path broken = Files.writeString(spec.resolveSibling("broken.yaml"), "bot:\n  name: Sam\n  greting: hi\n");

    Run run = run("replay", "--conversations", aConversation("export.jsonl").toString(), "--current-spec", spec.toString(),
        "--spec", broken.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(broken + ":3:3: unknown key 'greting'");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void whatIf_withANegativeHandleTime_isRefused() throws IOException {
    Path spec = Demo.installFiles(dir.resolve("demo"));

    Run run = run("replay", "--conversations", aConversation("export.jsonl").toString(), "--current-spec", spec.toString(),
        "--spec", spec.toString(), "--tier-minutes", "urgent=-3");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--tier-minutes urgent must be 0 or more");
  }

  @Test
  void exportWithAMalformedDate_exitsWith2() {
    Run run = run("conversations", "export", "--data-dir", dir.toString(), "--out", dir.resolve("x.jsonl").toString(), "--from", "yesterday");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("YYYY-MM-DD");
  }
}
