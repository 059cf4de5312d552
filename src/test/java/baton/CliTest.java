package baton;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Settings come from flags, then BATON_* environment variables, then the --config file, then defaults. */
class CliTest {
  @TempDir Path dir;

  private Cli.ServerOptions parse(Map<String, String> env, Optional<Path> configFile, String... args) {
    CommandLine commandLine = Cli.commandLine(configFile, env::get);
    CommandLine.ParseResult result = commandLine.parseArgs(args);
    return ((Cli.ServeCommand) result.subcommand().commandSpec().userObject()).options;
  }

  @Test
  void flagBeatsEnvironment_whichBeatsConfigFile_whichBeatsDefault() throws IOException {
    Path config = Files.writeString(dir.resolve("baton.properties"), "port=7000\nmax-message-chars=500\ndb-url=jdbc:postgresql://file\n");
    Map<String, String> env = Map.of("BATON_PORT", "7100", "BATON_DB_URL", "jdbc:postgresql://env");

    Cli.ServerOptions options = parse(env, Optional.of(config), "serve", "--spec", "bot.yaml", "--port", "7200");

    assertThat(options.port).isEqualTo(7200);
    assertThat(options.dbUrl).isEqualTo("jdbc:postgresql://env");
    assertThat(options.maxMessageChars).isEqualTo(500);
    assertThat(options.host).isEqualTo("0.0.0.0");
    assertThat(options.toSettings(Path.of("bot.yaml")).database().isPostgres()).isTrue();
  }

  @Test
  void withoutDatabaseUrl_theEmbeddedH2FileInTheDataFolderIsUsed() {
    Cli.ServerOptions options = parse(Map.of(), Optional.empty(), "serve", "--spec", "bot.yaml", "--data-dir", dir.toString());

    ServerSettings settings = options.toSettings(Path.of("bot.yaml"));
    assertThat(settings.database().url()).startsWith("jdbc:h2:file:" + dir.toAbsolutePath());
    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.maxMessageChars()).isEqualTo(4000);
  }

  @Test
  void specCheck_printsOkForTheDemoSpec_andFileLineProblemsForABrokenOne() throws IOException {
    Path spec = Demo.installFiles(dir.resolve("demo"));
    var out = new java.io.StringWriter();
    var good = Cli.commandLine(Optional.empty(), Map.<String, String>of()::get);
    good.setOut(new java.io.PrintWriter(out));
    assertThat(good.execute("spec", "check", spec.toString())).isZero();
    assertThat(out.toString()).contains("OK").contains("bot Sam").contains("17 article(s)");

    Path broken = Files.writeString(dir.resolve("broken.yaml"), "bot:\n  name: Sam\n  greting: hi\n");
    var err = new java.io.StringWriter();
    var bad = Cli.commandLine(Optional.empty(), Map.<String, String>of()::get);
    bad.setErr(new java.io.PrintWriter(err));
    assertThat(bad.execute("spec", "check", broken.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(broken + ":3:3: unknown key 'greting'");
  }

  @Test
  void configFile_isFoundFromTheFlagInEitherForm() {
    assertThat(Cli.configFile(new String[] {"serve", "--config", "a.properties"})).contains(Path.of("a.properties"));
    assertThat(Cli.configFile(new String[] {"serve", "--config=b.properties"})).contains(Path.of("b.properties"));
  }
}
